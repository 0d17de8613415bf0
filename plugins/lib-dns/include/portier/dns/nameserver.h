// SPDX-License-Identifier: GPL-3.0-or-later
// Which DNS server a plugin asks for SRV records: its `dns_server` setting, or the first
// nameserver of /etc/resolv.conf.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace portier::dns {

struct NameServer {
   std::string address;  // an IPv4 or IPv6 literal
   std::uint16_t port = 53;
   bool operator==(const NameServer &) const = default;
};

// "127.0.0.1", "127.0.0.1:5353", "::1", "[::1]:5353"; nullopt when it is none of these.
std::optional<NameServer> parse_name_server(std::string_view text);

// The first usable `nameserver` line of a resolv.conf text (read up to 64 KiB).
std::optional<NameServer> first_name_server(std::string_view resolv_conf);

// first_name_server() of /etc/resolv.conf; nullopt when it cannot be read or names none.
std::optional<NameServer> system_name_server();

}  // namespace portier::dns
