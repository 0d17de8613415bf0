// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <set>

#include <portier/kind/pbx.h>
#include <portier/dns/dns_message.h>
#include <portier/dns/nameserver.h>
#include <portier/settings.hpp>

namespace portier::osv {
namespace {

bool is_dns_text(std::string_view name) {
   for (const char ch : name) {
      const bool ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
                      ch == '-' || ch == '_' || ch == '.';
      if (!ok) return false;
   }
   return true;
}

// host/port or domain (+ dns_server, srv_name): one way to find the OpenScape Voice, not both.
void read_nodes(Settings &s, Config &c) {
   const bool has_host = s.has("host");
   const bool has_port = s.has("port");
   c.domain = s.get_string("domain", c.domain, 1, 253);
   c.dns_server = s.get_string("dns_server", c.dns_server, 1, 64);
   c.srv_name = s.get_string("srv_name", c.srv_name, 1, 253);
   c.dns_timeout_ms = s.get_int("dns_timeout_ms", c.dns_timeout_ms, 100, 60000);
   c.connect_timeout_ms = s.get_int("connect_timeout_ms", c.connect_timeout_ms, 100, 600000);
   if (c.domain.empty()) {
      if (!c.dns_server.empty()) s.problem("dns_server", "is only used together with domain");
      return;
   }
   if (has_host) s.problem("domain", "use either host (and port) or domain, not both");
   if (has_port) s.problem("port", "comes from the SRV records when domain is set");
   if (!is_dns_text(c.domain) || !is_dns_text(c.srv_name) ||
       !dns::build_dns_query(0, c.srv_name + "." + c.domain, dns::kDnsTypeSrv)) {
      s.problem("domain", "'" + c.srv_name + "." + c.domain + "' is not a valid DNS name");
   }
   if (!c.dns_server.empty() && !dns::parse_name_server(c.dns_server)) {
      s.problem("dns_server", "expected an IP address with an optional port, e.g. 127.0.0.1:5353");
   }
}

// `monitor`: a list of device numbers; each bad entry is named by its index.
void read_monitor(Settings &s, Config &c) {
   const json::Value *list = s.get("monitor");
   if (list == nullptr) return;
   if (list->kind != json::Kind::array) {
      s.problem("monitor", std::string("expected a list of device numbers, got ") + json::describe(list->kind));
      return;
   }
   if (list->items.size() > kMaxMonitorSetting) {
      s.problem("monitor", std::to_string(list->items.size()) + " devices, at most " +
                              std::to_string(kMaxMonitorSetting) + " allowed");
      return;
   }
   constexpr std::size_t kMaxDevice = PORTIER_ID_SIZE - 1;
   constexpr std::size_t kMaxReported = 4;  // the whole message must fit one portier_error
   std::set<std::string> seen;
   std::size_t bad = 0;
   for (std::size_t i = 0; i < list->items.size(); ++i) {
      const json::Value &item = list->items[i];
      const std::string key = "monitor[" + std::to_string(i) + "]";
      const bool was_bad = item.kind != json::Kind::string || item.text.empty() || item.text.size() > kMaxDevice ||
                           seen.count(item.text) > 0;
      if (was_bad && ++bad > kMaxReported) continue;
      if (item.kind != json::Kind::string) {
         s.problem(key, std::string("expected a device number as a string, got ") + json::describe(item.kind) +
                           (item.kind == json::Kind::number ? " (quote it in YAML: \"+4989...\")" : ""));
      } else if (item.text.empty() || item.text.size() > kMaxDevice) {
         s.problem(key, "must be 1.." + std::to_string(kMaxDevice) + " bytes long");
      } else if (!seen.insert(item.text).second) {
         s.problem(key, "'" + item.text + "' is listed twice");
      } else {
         c.monitor.push_back(item.text);
      }
   }
   if (bad > kMaxReported) {
      const std::size_t more = bad - kMaxReported;
      s.problem("monitor", std::to_string(more) + (more == 1 ? " more bad entry" : " more bad entries"));
   }
}

}  // namespace

Result<Config> read_config(std::string_view json) {
   Settings s(json);
   Config c;
   c.host = s.get_string("host", c.host, 1, 253);
   c.port = s.get_int("port", c.port, 1, 65535);
   c.heartbeat_s = s.get_int("heartbeat_s", c.heartbeat_s, 5, 600);
   c.request_timeout_ms = s.get_int("request_timeout_ms", c.request_timeout_ms, 100, 600000);
   c.reconnect_min_ms = s.get_int("reconnect_min_ms", c.reconnect_min_ms, 10, 600000);
   c.reconnect_max_ms = s.get_int("reconnect_max_ms", c.reconnect_max_ms, 10, 3600000);
   if (c.reconnect_max_ms < c.reconnect_min_ms) {
      s.problem("reconnect_max_ms", "must not be below reconnect_min_ms");
   }
   c.sync = read_sync_config(s);
   read_nodes(s, c);
   c.application_session = s.get_bool("application_session", c.application_session);
   c.application_id = s.get_string("application_id", c.application_id, 1, 64);
   c.session_duration_s = s.get_int("session_duration_s", c.session_duration_s, 10, 86400);
   read_monitor(s, c);
   if (auto checked = s.finish(); !checked.ok()) return checked.error();
   return c;
}

}  // namespace portier::osv
