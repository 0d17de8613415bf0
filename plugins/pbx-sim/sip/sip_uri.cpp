// SPDX-License-Identifier: GPL-3.0-or-later
#include "sip/sip_uri.h"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace portier::pbxsim {
namespace {

constexpr std::size_t kMaxUri = 1024;

// The URI itself: inside <> when present, else the text up to a header parameter.
std::string_view bare(std::string_view uri) {
   if (uri.size() > kMaxUri) return {};
   if (auto open = uri.find('<'); open != std::string_view::npos) {
      auto close = uri.find('>', open);
      if (close == std::string_view::npos) return {};
      return uri.substr(open + 1, close - open - 1);
   }
   return uri;
}

std::string lower_uri_part(std::string_view text) {
   std::string out(text);
   std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
   return out;
}

}  // namespace

std::string uri_user(std::string_view uri) {
   std::string_view u = bare(uri);
   auto colon = u.find(':');
   if (colon == std::string_view::npos) return {};
   u.remove_prefix(colon + 1);
   auto at = u.find('@');
   if (at == std::string_view::npos) return {};
   u = u.substr(0, at);
   return std::string(u.substr(0, u.find_first_of(";:")));
}

std::optional<std::string> uri_param(std::string_view text, std::string_view name) {
   if (text.size() > kMaxUri) return std::nullopt;
   const std::string wanted = lower_uri_part(name);
   std::size_t at = text.find(';');
   while (at != std::string_view::npos) {
      std::string_view rest = text.substr(at + 1);
      std::size_t end = rest.find_first_of(";>?");
      std::string_view item = rest.substr(0, end);
      std::size_t eq = item.find('=');
      if (lower_uri_part(item.substr(0, eq)) == wanted)
         return std::string(eq == std::string_view::npos ? std::string_view{} : item.substr(eq + 1));
      if (end == std::string_view::npos || rest[end] != ';') break;
      at = at + 1 + end;
   }
   return std::nullopt;
}

std::optional<sip::Peer> uri_peer(std::string_view uri) {
   std::string_view u = bare(uri);
   auto colon = u.find(':');
   if (colon == std::string_view::npos) return std::nullopt;
   std::string_view rest = u.substr(colon + 1);
   if (auto at = rest.find('@'); at != std::string_view::npos) rest.remove_prefix(at + 1);
   std::string_view hostport = rest.substr(0, rest.find_first_of(";?"));
   sip::Peer peer;
   peer.transport = sip::TransportKind::udp;
   if (auto t = uri_param(u, "transport")) {
      auto kind = sip::transport_from_name(*t);
      if (!kind) return std::nullopt;
      peer.transport = *kind;
   }
   auto port_colon = hostport.rfind(':');
   std::string_view host = hostport.substr(0, port_colon);
   peer.port = sip::default_port(peer.transport);
   if (port_colon != std::string_view::npos) {
      std::string_view digits = hostport.substr(port_colon + 1);
      unsigned value = 0;
      auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
      if (ec != std::errc{} || end != digits.data() + digits.size() || value == 0 || value > 65535) return std::nullopt;
      peer.port = static_cast<std::uint16_t>(value);
   }
   if (host.empty()) return std::nullopt;
   peer.address = std::string(host);
   return peer;
}

}  // namespace portier::pbxsim
