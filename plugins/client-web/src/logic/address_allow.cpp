// SPDX-License-Identifier: GPL-3.0-or-later
#include "address_allow.h"

#include <arpa/inet.h>

#include <charconv>
#include <cstring>

namespace portier::web {
namespace {

constexpr std::size_t kMaxAddressChars = 45;

// The address alone, v4 or v6; IPv4-mapped v6 becomes v4.
std::optional<AddressRange> parse_address(std::string_view text) {
   if (text.empty() || text.size() > kMaxAddressChars) return std::nullopt;
   const std::string s(text);
   AddressRange r;
   if (inet_pton(AF_INET, s.c_str(), r.bytes.data()) == 1) {
      r.prefix = 32;
      return r;
   }
   if (inet_pton(AF_INET6, s.c_str(), r.bytes.data()) != 1) return std::nullopt;
   static constexpr std::uint8_t kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
   if (std::memcmp(r.bytes.data(), kMapped, sizeof kMapped) == 0) {
      std::memmove(r.bytes.data(), r.bytes.data() + 12, 4);
      std::memset(r.bytes.data() + 4, 0, 12);
      r.prefix = 32;
      return r;
   }
   r.v6 = true;
   r.prefix = 128;
   return r;
}

bool in_range(const AddressRange &range, const AddressRange &peer) {
   if (range.v6 != peer.v6) return false;
   const int full = range.prefix / 8;
   if (std::memcmp(range.bytes.data(), peer.bytes.data(), static_cast<std::size_t>(full)) != 0) return false;
   const int rest = range.prefix % 8;
   if (rest == 0) return true;
   const auto mask = static_cast<std::uint8_t>(0xff << (8 - rest));
   return (range.bytes[static_cast<std::size_t>(full)] & mask) == (peer.bytes[static_cast<std::size_t>(full)] & mask);
}

}  // namespace

std::optional<AddressRange> parse_address_range(std::string_view text) {
   const std::size_t slash = text.find('/');
   auto range = parse_address(text.substr(0, slash));
   if (!range) return std::nullopt;
   // "::ffff:a.b.c.d/N" would need N-96: a mapped address is given as plain IPv4 instead.
   if (slash == std::string_view::npos) return range;
   const std::string_view bits = text.substr(slash + 1);
   int n = -1;
   const auto [end, ec] = std::from_chars(bits.data(), bits.data() + bits.size(), n);
   const int max = range->v6 ? 128 : 32;
   if (bits.empty() || ec != std::errc() || end != bits.data() + bits.size() || n < 0 || n > max) return std::nullopt;
   range->prefix = n;
   // Host bits set ("127.0.0.1/8") are allowed and ignored, as routers read such ranges.
   return range;
}

bool address_allowed(const std::vector<AddressRange> &ranges, std::string_view peer) {
   const auto address = parse_address(peer);
   if (!address) return false;
   for (const AddressRange &r : ranges) {
      if (in_range(r, *address)) return true;
   }
   return false;
}

}  // namespace portier::web
