// SPDX-License-Identifier: GPL-3.0-or-later
// Transport names and where a response goes (RFC 3261 18.2.2, RFC 3581 section 4).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "message.h"

namespace portier::sip {

enum class TransportKind { udp, tcp, tls };

struct Peer {
   TransportKind transport = TransportKind::udp;
   std::string address;  // numeric IPv4/IPv6
   std::uint16_t port = 0;
   bool operator==(const Peer &) const = default;
};

std::string_view transport_name(TransportKind kind);  // "UDP", "TCP", "TLS"
std::optional<TransportKind> transport_from_name(std::string_view name);  // case-insensitive
bool is_reliable(TransportKind kind);
std::uint16_t default_port(TransportKind kind);  // 5060, 5061 for TLS

// Where to send a response when the connection the request came on is gone (streams), or for
// datagrams: source address and port with rport, else received (or sent-by) and sent-by port.
Peer response_destination(const Via &via, const Peer &source);

}  // namespace portier::sip
