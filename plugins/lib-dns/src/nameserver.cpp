// SPDX-License-Identifier: GPL-3.0-or-later
#include <portier/dns/nameserver.h>

#include <charconv>
#include <fstream>

#include <boost/asio/ip/address.hpp>

namespace portier::dns {
namespace {

constexpr std::size_t kMaxResolvConf = 65536;

bool is_ip(std::string_view text) {
   boost::system::error_code ec;
   (void)boost::asio::ip::make_address(std::string(text), ec);
   return !ec;
}

std::optional<std::uint16_t> parse_port(std::string_view text) {
   unsigned value = 0;
   const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
   if (ec != std::errc() || end != text.data() + text.size() || value == 0 || value > 65535) return std::nullopt;
   return static_cast<std::uint16_t>(value);
}

}  // namespace

std::optional<NameServer> parse_name_server(std::string_view text) {
   if (text.empty() || text.size() > 64) return std::nullopt;
   if (is_ip(text)) return NameServer{std::string(text), 53};
   std::string_view host;
   std::string_view port;
   if (text.front() == '[') {  // [v6]:port
      const auto close = text.find(']');
      if (close == std::string_view::npos || close + 1 >= text.size() || text[close + 1] != ':') return std::nullopt;
      host = text.substr(1, close - 1);
      port = text.substr(close + 2);
   } else {
      const auto colon = text.rfind(':');
      if (colon == std::string_view::npos || text.find(':') != colon) return std::nullopt;
      host = text.substr(0, colon);
      port = text.substr(colon + 1);
   }
   const auto number = parse_port(port);
   if (!number || !is_ip(host)) return std::nullopt;
   return NameServer{std::string(host), *number};
}

std::optional<NameServer> first_name_server(std::string_view conf) {
   conf = conf.substr(0, kMaxResolvConf);
   while (!conf.empty()) {
      const auto end = conf.find('\n');
      std::string_view line = conf.substr(0, end);
      conf = end == std::string_view::npos ? std::string_view() : conf.substr(end + 1);
      const auto first = line.find_first_not_of(" \t");
      if (first == std::string_view::npos) continue;
      line = line.substr(first);
      if (!line.starts_with("nameserver")) continue;
      line.remove_prefix(10);
      const auto start = line.find_first_not_of(" \t");
      if (start == std::string_view::npos || start == 0) continue;
      line = line.substr(start);
      line = line.substr(0, line.find_first_of(" \t\r#;"));
      // a link-local scope ("fe80::1%eth0") is not for us
      if (line.find('%') != std::string_view::npos || !is_ip(line)) continue;
      return NameServer{std::string(line), 53};
   }
   return std::nullopt;
}

std::optional<NameServer> system_name_server() {
   std::ifstream in("/etc/resolv.conf", std::ios::binary);
   if (!in) return std::nullopt;
   std::string text(kMaxResolvConf, '\0');
   in.read(text.data(), static_cast<std::streamsize>(text.size()));
   text.resize(static_cast<std::size_t>(in.gcount()));
   return first_name_server(text);
}

}  // namespace portier::dns
