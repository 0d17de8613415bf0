// SPDX-License-Identifier: GPL-3.0-or-later
// Address allow-lists ("127.0.0.1/32", "::1/128"): parsed from the settings, and the question
// whether a peer's address is in one. An IPv4 peer seen as an IPv4-mapped IPv6 address
// (::ffff:127.0.0.1, on a dual-stack socket) is matched as IPv4.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace portier::web {

struct AddressRange {
   bool v6 = false;
   std::array<std::uint8_t, 16> bytes{};  // v4 in the first 4
   int prefix = 0;                        // bits
};

// "ADDRESS/BITS" or a bare address (all bits); nullopt when it is neither.
std::optional<AddressRange> parse_address_range(std::string_view text);

// Whether the address `peer` (as text, from the socket) is in one of `ranges`; an address that
// does not parse is in none.
bool address_allowed(const std::vector<AddressRange> &ranges, std::string_view peer);

}  // namespace portier::web
