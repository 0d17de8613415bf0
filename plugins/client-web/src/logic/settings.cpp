// SPDX-License-Identifier: GPL-3.0-or-later
#include "settings.h"

#include <charconv>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include <portier/did_you_mean.hpp>
#include "json_depth.h"

namespace portier::web {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxSettingsDepth = 16;  // the deepest real setting is 2
constexpr std::size_t kMaxPathChars = 4096;

// Gathers every problem, each naming its key ("settings.limits.connections: ...").
class Problems {
public:
   void add(const std::string &where, const std::string &what) { lines_.push_back(where + ": " + what); }

   // One line per key of `object` that is not in `known`, with the nearest known key.
   void unknown_keys(const json &object, const std::string &where, const std::vector<std::string> &known) {
      for (const auto &item : object.items()) {
         bool found = false;
         for (const std::string &k : known) found = found || k == item.key();
         if (found) continue;
         add(where, unknown_key_text(item.key(), known));
      }
   }

   Result<void> finish() const {
      if (lines_.empty()) return ok();
      std::string message;
      for (const std::string &line : lines_) message += (message.empty() ? "" : "; ") + line;
      return portier::error(PORTIER_ERR_CONFIG, message);
   }

private:
   std::vector<std::string> lines_;
};

std::string kind_of(const json &v) {
   if (v.is_string()) return "a string";
   if (v.is_boolean()) return "a boolean";
   if (v.is_number()) return "a number";
   if (v.is_array()) return "a list";
   if (v.is_object()) return "a mapping";
   return "null";
}

// A non-empty string of at most max_chars, or nullopt (and a problem) when it is something else.
std::optional<std::string> read_text(const json &parent, const std::string &where, const char *key, Problems &p,
                                     std::size_t max_chars = kMaxPathChars) {
   const json &v = parent.at(key);
   if (!v.is_string()) {
      p.add(where + "." + key, "expected a string, got " + kind_of(v));
      return std::nullopt;
   }
   const std::string text = v.get<std::string>();
   if (text.empty() || text.size() > max_chars) {
      p.add(where + "." + key, "must be 1.." + std::to_string(max_chars) + " characters");
      return std::nullopt;
   }
   return text;
}

void read_limit(const json &limits, const char *key, std::int64_t min, std::int64_t max, std::int64_t &out,
                Problems &p, const char *section = "limits") {
   if (!limits.contains(key) || limits.at(key).is_null()) return;
   const json &v = limits.at(key);
   const std::string where = std::string("settings.") + section + "." + key;
   if (!v.is_number_integer()) {
      p.add(where, "expected an integer, got " + (v.is_number() ? v.dump() : kind_of(v)));
      return;
   }
   const std::int64_t n = v.is_number_unsigned() && v.get<std::uint64_t>() > static_cast<std::uint64_t>(max)
                               ? max + 1
                               : v.get<std::int64_t>();
   if (n < min || n > max) {
      p.add(where, v.dump() + " is out of range " + std::to_string(min) + ".." + std::to_string(max));
      return;
   }
   out = n;
}

void read_limits(const json &root, WebSettings &s, Problems &p) {
   if (!root.contains("limits") || root.at("limits").is_null()) return;
   const json &limits = root.at("limits");
   if (!limits.is_object()) {
      p.add("settings.limits", "expected a mapping, got " + kind_of(limits));
      return;
   }
   read_limit(limits, "header_bytes", 1024, 1024 * 1024, s.limits.header_bytes, p);
   read_limit(limits, "body_bytes", 0, 64 * 1024 * 1024, s.limits.body_bytes, p);
   read_limit(limits, "message_bytes", 1024, 1024 * 1024, s.limits.message_bytes, p);
   read_limit(limits, "connections", 1, 100000, s.limits.connections, p);
   read_limit(limits, "queued_messages", 16, 1000000, s.limits.queued_messages, p);
   p.unknown_keys(limits, "settings.limits",
                  {"header_bytes", "body_bytes", "message_bytes", "connections", "queued_messages"});
}

void read_sessions(const json &root, WebSettings &s, Problems &p) {
   if (!root.contains("sessions") || root.at("sessions").is_null()) return;
   const json &sessions = root.at("sessions");
   if (!sessions.is_object()) {
      p.add("settings.sessions", "expected a mapping, got " + kind_of(sessions));
      return;
   }
   read_limit(sessions, "idle_minutes", 1, 7 * 24 * 60, s.sessions.idle_minutes, p, "sessions");
   read_limit(sessions, "max_hours", 1, 7 * 24, s.sessions.max_hours, p, "sessions");
   read_limit(sessions, "per_account", 1, 64, s.sessions.per_account, p, "sessions");
   p.unknown_keys(sessions, "settings.sessions", {"idle_minutes", "max_hours", "per_account"});
}

constexpr std::size_t kMaxAllowRanges = 64;

void read_metrics(const json &root, WebSettings &s, Problems &p) {
   if (!root.contains("metrics") || root.at("metrics").is_null()) return;
   const json &metrics = root.at("metrics");
   if (!metrics.is_object()) {
      p.add("settings.metrics", "expected a mapping with enabled and allow, got " + kind_of(metrics));
      return;
   }
   if (metrics.contains("enabled") && !metrics.at("enabled").is_null()) {
      if (metrics.at("enabled").is_boolean()) {
         s.metrics.enabled = metrics.at("enabled").get<bool>();
      } else {
         p.add("settings.metrics.enabled", "expected true or false, got " + kind_of(metrics.at("enabled")));
      }
   }
   if (metrics.contains("allow") && !metrics.at("allow").is_null()) {
      const json &allow = metrics.at("allow");
      if (!allow.is_array() || allow.size() > kMaxAllowRanges) {
         p.add("settings.metrics.allow",
               "expected a list of at most " + std::to_string(kMaxAllowRanges) + " addresses (\"127.0.0.1/32\", \"::1/128\"), got " +
                   kind_of(allow));
      } else {
         std::vector<AddressRange> ranges;
         for (std::size_t i = 0; i < allow.size(); ++i) {
            const std::string where = "settings.metrics.allow[" + std::to_string(i) + "]";
            const auto range = allow[i].is_string() ? parse_address_range(allow[i].get<std::string>()) : std::nullopt;
            if (!range) {
               p.add(where, allow[i].dump() + " is not ADDRESS or ADDRESS/BITS (e.g. \"127.0.0.1/32\", \"::1/128\")");
               continue;
            }
            ranges.push_back(*range);
         }
         s.metrics.allow = std::move(ranges);
      }
   }
   p.unknown_keys(metrics, "settings.metrics", {"enabled", "allow"});
}

void read_tls(const json &root, WebSettings &s, Problems &p) {
   if (!root.contains("tls") || root.at("tls").is_null()) return;
   const json &tls = root.at("tls");
   if (!tls.is_object()) {
      p.add("settings.tls", "expected a mapping with certificate and key, got " + kind_of(tls));
      return;
   }
   TlsFiles files;
   bool complete = true;
   for (const char *key : {"certificate", "key"}) {
      if (!tls.contains(key) || tls.at(key).is_null()) {
         p.add(std::string("settings.tls.") + key, "required (a PEM file) when tls is set");
         complete = false;
         continue;
      }
      auto text = read_text(tls, "settings.tls", key, p);
      if (!text) {
         complete = false;
         continue;
      }
      (std::string_view(key) == "key" ? files.key : files.certificate) = *text;
   }
   p.unknown_keys(tls, "settings.tls", {"certificate", "key"});
   if (complete) s.tls = std::move(files);
}

bool is_ipv4(std::string_view text) {
   int parts = 0;
   std::size_t at = 0;
   while (at <= text.size() && parts < 5) {
      const std::size_t dot = std::min(text.find('.', at), text.size());
      const std::string_view part = text.substr(at, dot - at);
      unsigned value = 0;
      const auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), value);
      if (part.empty() || part.size() > 3 || ec != std::errc() || end != part.data() + part.size() || value > 255)
         return false;
      ++parts;
      at = dot + 1;
   }
   return parts == 4;
}

bool is_ipv6(std::string_view text) {
   if (text.size() < 2 || text.size() > 45) return false;
   int colons = 0;
   for (const char c : text) {
      const bool hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
      if (c == ':') ++colons;
      if (!hex && c != ':' && c != '.') return false;
   }
   return colons >= 2;
}

}  // namespace

std::optional<ListenAddress> parse_listen(std::string_view text) {
   ListenAddress out;
   std::string_view port_text;
   if (!text.empty() && text.front() == '[') {
      const std::size_t close = text.find(']');
      if (close == std::string_view::npos || close + 1 >= text.size() || text[close + 1] != ':') return std::nullopt;
      out.host = std::string(text.substr(1, close - 1));
      if (!is_ipv6(out.host)) return std::nullopt;
      port_text = text.substr(close + 2);
   } else {
      const std::size_t colon = text.rfind(':');
      if (colon == std::string_view::npos) return std::nullopt;
      out.host = std::string(text.substr(0, colon));
      if (!is_ipv4(out.host)) return std::nullopt;
      port_text = text.substr(colon + 1);
   }
   unsigned port = 0;
   const auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
   if (port_text.empty() || ec != std::errc() || end != port_text.data() + port_text.size() || port > 65535)
      return std::nullopt;
   out.port = static_cast<std::uint16_t>(port);
   return out;
}

std::string describe_listen(const WebSettings &s, std::uint16_t bound_port) {
   const bool v6 = s.listen_host.find(':') != std::string::npos;
   return std::string(s.tls ? "https://" : "http://") + (v6 ? "[" + s.listen_host + "]" : s.listen_host) + ":" +
          std::to_string(bound_port);
}

Result<WebSettings> read_settings(std::string_view text) {
   if (!nesting_within(text, kMaxSettingsDepth)) {
      return portier::error(PORTIER_ERR_CONFIG, "settings: nested deeper than " + std::to_string(kMaxSettingsDepth));
   }
   const json root = json::parse(text, nullptr, false);
   if (root.is_discarded()) return portier::error(PORTIER_ERR_CONFIG, "settings: not JSON");
   WebSettings s;
   if (root.is_null()) return s;  // an entry without settings
   if (!root.is_object()) {
      return portier::error(PORTIER_ERR_CONFIG, "settings: expected a mapping, got " + kind_of(root));
   }
   Problems p;
   if (root.contains("listen") && !root.at("listen").is_null()) {
      if (auto listen = read_text(root, "settings", "listen", p, 64)) {
         if (auto parsed = parse_listen(*listen)) {
            s.listen_host = parsed->host;
            s.listen_port = parsed->port;
         } else {
            p.add("settings.listen", "'" + *listen +
                                         "' is not ADDRESS:PORT (an IP address, [v6] in brackets, and a port "
                                         "0..65535), e.g. \"127.0.0.1:8080\"");
         }
      }
   }
   if (root.contains("root") && !root.at("root").is_null()) {
      if (auto dir = read_text(root, "settings", "root", p)) {
         // Relative to what? The daemon's working directory is no answer an administrator sees.
         if (dir->front() != '/') {
            p.add("settings.root", "'" + *dir + "' must be an absolute path");
         } else {
            s.root = *dir;
         }
      }
   }
   read_tls(root, s, p);
   read_limits(root, s, p);
   read_sessions(root, s, p);
   read_metrics(root, s, p);
   p.unknown_keys(root, "settings", {"listen", "tls", "root", "limits", "sessions", "metrics"});
   if (auto checked = p.finish(); !checked.ok()) return checked.error();
   return s;
}

}  // namespace portier::web
