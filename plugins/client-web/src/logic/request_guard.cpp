// SPDX-License-Identifier: GPL-3.0-or-later
#include "request_guard.h"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "random_token.h"

namespace portier::web {
namespace {

constexpr std::size_t kMaxAuthorityChars = 300;

struct HostPort {
   std::string host;  // lower case; v6 with its brackets
   unsigned port = 0;
};

std::string lower(std::string_view s) {
   std::string out(s);
   std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
   return out;
}

// "host", "host:port", "[v6]" or "[v6]:port"; nullopt for anything else.
std::optional<HostPort> read_authority(std::string_view text, unsigned default_port) {
   if (text.empty() || text.size() > kMaxAuthorityChars) return std::nullopt;
   HostPort out;
   std::string_view port_text;
   if (text.front() == '[') {
      const std::size_t close = text.find(']');
      if (close == std::string_view::npos) return std::nullopt;
      out.host = lower(text.substr(0, close + 1));
      const std::string_view rest = text.substr(close + 1);
      if (!rest.empty()) {
         if (rest.front() != ':') return std::nullopt;
         port_text = rest.substr(1);
         if (port_text.empty()) return std::nullopt;
      }
   } else {
      const std::size_t colon = text.find(':');
      out.host = lower(text.substr(0, colon));
      if (colon != std::string_view::npos) {
         port_text = text.substr(colon + 1);
         if (port_text.empty()) return std::nullopt;
      }
   }
   if (out.host.empty()) return std::nullopt;
   for (const char c : out.host) {
      if (c == '/' || c == '@' || c == ' ' || c == '?' || c == '#') return std::nullopt;
   }
   out.port = default_port;
   if (!port_text.empty()) {
      const auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), out.port);
      if (ec != std::errc() || end != port_text.data() + port_text.size() || out.port > 65535) return std::nullopt;
   }
   return out;
}

}  // namespace

bool changes_state(std::string_view method) {
   return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
}

bool same_origin(std::string_view origin, std::string_view host, bool tls) {
   const std::string_view scheme = tls ? "https://" : "http://";
   if (origin.size() <= scheme.size() || lower(origin.substr(0, scheme.size())) != scheme) return false;
   const unsigned port = tls ? 443 : 80;
   const auto from = read_authority(origin.substr(scheme.size()), port);
   const auto to = read_authority(host, port);
   return from && to && from->host == to->host && from->port == to->port;
}

std::optional<std::string> refuse_request(const GuardInput &in) {
   if (in.origin && !same_origin(*in.origin, in.host, in.tls)) {
      return "cross-origin request refused: Origin does not match this server";
   }
   if (!changes_state(in.method) || in.csrf_exempt) return std::nullopt;
   if (in.csrf_header.empty()) return std::string("missing ") + std::string(kCsrfHeader) + " header";
   if (!in.csrf || !same_secret(in.csrf_header, *in.csrf)) {
      return std::string(kCsrfHeader) + " does not match the session's token";
   }
   return std::nullopt;
}

}  // namespace portier::web
