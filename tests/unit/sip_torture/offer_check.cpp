// SPDX-License-Identifier: GPL-3.0-or-later
#include "offer_check.h"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "sdp.h"

namespace portier::torture {
namespace {

bool number(std::string_view text, int &out) {
   auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
   return ec == std::errc() && ptr == text.data() + text.size();
}

// "<pt> <encoding>/<rate>[/<channels>]" with a printable encoding and a positive rate.
bool readable_rtpmap(std::string_view value) {
   std::size_t space = value.find(' ');
   int payload = 0;
   if (space == std::string_view::npos || !number(value.substr(0, space), payload) || payload < 0 || payload > 127)
      return false;
   std::string_view encoding = value.substr(space + 1);
   while (!encoding.empty() && (encoding.back() == '\r' || encoding.back() == ' ')) encoding.remove_suffix(1);
   std::size_t slash = encoding.find('/');
   if (slash == 0 || slash == std::string_view::npos) return false;
   bool printable = std::all_of(encoding.begin(), encoding.begin() + static_cast<std::ptrdiff_t>(slash), [](char c) {
      auto u = static_cast<unsigned char>(c);
      return u > 0x20 && u < 0x7f;
   });
   std::string_view rate = encoding.substr(slash + 1);
   rate = rate.substr(0, rate.find('/'));
   int clock = 0;
   return printable && number(rate, clock) && clock > 0;
}

bool address_text(std::string_view address) {
   return !address.empty() && std::all_of(address.begin(), address.end(), [](char c) {
      auto u = static_cast<unsigned char>(c);
      return std::isalnum(u) || c == '.' || c == '-' || c == ':';
   });
}

}  // namespace

std::string offer_problem(std::string_view sdp) {
   if (sdp.size() > media::kMaxSdpBytes) return "SDP of " + std::to_string(sdp.size()) + " bytes is too long";
   std::string kept;
   kept.reserve(sdp.size());
   std::size_t at = 0;
   for (std::size_t lines = 0; at < sdp.size() && lines <= media::kMaxSdpLines; ++lines) {
      std::size_t end = sdp.find('\n', at);
      std::size_t next = end == std::string_view::npos ? sdp.size() : end + 1;
      std::string_view line = sdp.substr(at, next - at);
      at = next;
      constexpr std::string_view kRtpmap = "a=rtpmap:";
      if (line.rfind(kRtpmap, 0) == 0 && !readable_rtpmap(line.substr(kRtpmap.size(), line.find_first_of("\r\n") - kRtpmap.size())))
         continue;
      kept.append(line);
   }
   kept.append(sdp.substr(at));
   auto parsed = media::parse_sdp(kept);
   if (!parsed) return parsed.message();
   const media::SessionDescription &description = parsed.value();
   if (description.media.empty()) return "no m= line";
   for (std::size_t i = 0; i < description.media.size(); ++i) {
      const media::SdpMedia &m = description.media[i];
      std::string where = "m= line " + std::to_string(i + 1);
      if (m.port != 0 && m.address.empty()) return where + " has no c= address";
      if (!m.address.empty() && !address_text(m.address)) return where + ": c= address is not an address";
      for (const std::string &format : m.formats) {
         int payload = 0;
         if (!number(format, payload) || payload < 96) continue;
         bool mapped = std::any_of(m.rtpmaps.begin(), m.rtpmaps.end(),
                                   [&](const media::RtpMap &map) { return map.payload_type == payload; });
         if (!mapped) return where + ": dynamic payload type " + format + " has no readable a=rtpmap";
      }
   }
   return {};
}

}  // namespace portier::torture
