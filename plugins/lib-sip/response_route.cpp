// SPDX-License-Identifier: GPL-3.0-or-later
#include "response_route.h"

#include <algorithm>
#include <cctype>

namespace portier::sip {

std::string_view transport_name(TransportKind kind) {
   switch (kind) {
   case TransportKind::udp: return "UDP";
   case TransportKind::tcp: return "TCP";
   case TransportKind::tls: return "TLS";
   }
   return "UDP";
}

std::optional<TransportKind> transport_from_name(std::string_view name) {
   std::string upper(name);
   std::transform(upper.begin(), upper.end(), upper.begin(),
                  [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
   if (upper == "UDP") return TransportKind::udp;
   if (upper == "TCP") return TransportKind::tcp;
   if (upper == "TLS") return TransportKind::tls;
   return std::nullopt;
}

bool is_reliable(TransportKind kind) { return kind != TransportKind::udp; }

std::uint16_t default_port(TransportKind kind) { return kind == TransportKind::tls ? 5061 : 5060; }

Peer response_destination(const Via &via, const Peer &source) {
   Peer out;
   out.transport = transport_from_name(via.transport).value_or(source.transport);
   if (!is_reliable(out.transport) && via.has_rport) {
      out.address = source.address;  // RFC 3581: back to where the request came from
      out.port = source.port;
      return out;
   }
   out.address = via.received.value_or(via.host);
   out.port = via.port != 0 ? via.port : default_port(out.transport);
   return out;
}

}  // namespace portier::sip
