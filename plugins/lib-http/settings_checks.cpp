// SPDX-License-Identifier: GPL-3.0-or-later
#include "settings_checks.h"

#include <portier/did_you_mean.hpp>

namespace portier::http {

bool is_secret_name(std::string_view name) {
   if (name.empty()) return false;
   for (const char c : name) {
      const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
      if (!ok) return false;
   }
   return true;
}

bool is_http_url(std::string_view url, bool https_only) {
   const bool https = url.rfind("https://", 0) == 0;
   const bool http = url.rfind("http://", 0) == 0;
   if (!(https || (http && !https_only))) return false;
   return url.find_first_of(" ?#\t") == std::string_view::npos && url.size() > (https ? 8u : 7u);
}

std::string read_proxy(Settings &s) {
   const std::string proxy_url = s.get_string("proxy_url", "", 1, 255);
   const auto proxy_port = s.get_int("proxy_port", 0, 1, 65535);
   if (proxy_url.empty()) {
      if (proxy_port != 0) s.problem("proxy_port", "needs proxy_url");
      return {};
   }
   const bool has_scheme = proxy_url.find("://") != std::string::npos;
   if (has_scheme && !is_http_url(proxy_url)) s.problem("proxy_url", "expected a host name or an http:// URL");
   std::string proxy = has_scheme ? proxy_url : "http://" + proxy_url;
   if (proxy_port != 0) proxy += ":" + std::to_string(proxy_port);
   return proxy;
}

void read_backoff(Settings &s, int &min_seconds, int &max_seconds) {
   min_seconds = static_cast<int>(s.get_int("backoff_min_seconds", min_seconds, 1, 3600));
   max_seconds = static_cast<int>(s.get_int("backoff_max_seconds", max_seconds, 1, 3600));
   if (max_seconds < min_seconds) s.problem("backoff_max_seconds", "is below backoff_min_seconds");
}

std::string read_secret_name(Settings &s, std::string_view key, std::string_view what) {
   const std::string name = s.get_string(key, "", 1, 63);
   if (!name.empty() && !is_secret_name(name)) {
      s.problem(key, "a secret's name (a-z, 0-9, _ . -) from the entry's secrets, not the " + std::string(what));
   }
   return name;
}

std::string_view renamed_key(Settings &s, std::string_view key, std::string_view old_key,
                             std::vector<std::string> &warnings) {
   const bool has_new = s.has(key);
   if (!s.has(old_key)) return key;
   if (has_new) {
      s.problem(old_key, "is the old name of " + std::string(key) + "; give only " + std::string(key));
      return key;
   }
   warnings.push_back("settings." + std::string(old_key) + " is the old name of " + std::string(key) +
                      ", accepted for now: rename it to " + std::string(key));
   return old_key;
}

TlsOptions read_tls(Settings &s, const std::vector<std::string> &own_keys, const TlsKeyReader &own) {
   TlsOptions out;
   const json::Value *v = s.get("tls");
   if (v == nullptr) return out;
   std::vector<std::string> known = own_keys;
   known.insert(known.end(), {"ca_file", "verify"});
   if (v->kind != json::Kind::object) {
      std::string keys;
      for (const std::string &k : known) keys += (keys.empty() ? "" : ", ") + k;
      s.problem("tls", "expected {" + keys + "}, got " + std::string(json::describe(v->kind)));
      return out;
   }
   for (std::size_t i = 0; i < v->keys.size(); ++i) {
      const std::string &key = v->keys[i];
      const json::Value &item = v->items[i];
      if (key == "ca_file") {
         if (item.kind != json::Kind::string || item.text.empty() || item.text[0] != '/') {
            s.problem("tls.ca_file", "expected the absolute path of a PEM file");
         } else {
            out.ca_file = item.text;
         }
      } else if (key == "verify") {
         if (item.kind != json::Kind::boolean) {
            s.problem("tls.verify", "expected true or false");
         } else {
            out.verify = item.boolean;
         }
      } else if (!own || !own(key, item)) {
         s.problem("tls", unknown_key_text(key, known));
      }
   }
   return out;
}

}  // namespace portier::http
