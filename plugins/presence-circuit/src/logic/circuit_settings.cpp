// SPDX-License-Identifier: GPL-3.0-or-later
#include "circuit_settings.h"

#include <portier/settings.hpp>

#include "settings_checks.h"

namespace portier::circuit {
namespace {

using http::is_http_url;

// A DNS name such as eu.yourcircuit.com: letters, digits, '-' and '.'.
bool is_domain(std::string_view domain) {
   if (domain.empty() || domain.front() == '.' || domain.back() == '.') return false;
   for (const char c : domain) {
      const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
      if (!ok) return false;
   }
   return true;
}

}  // namespace

Result<CircuitSettings> parse_circuit_settings(std::string_view json) {
   Settings s(json);
   CircuitSettings out;
   const std::string domain = s.get_string("domain", "", 1, 253);
   const std::string server_url = s.get_string("server_url", "", 8, 255);
   if (!domain.empty() && !server_url.empty()) {
      s.problem("server_url", "give either domain or server_url, not both");
   } else if (!domain.empty()) {
      if (!is_domain(domain)) s.problem("domain", "'" + domain.substr(0, 100) + "' is not a host name such as eu.yourcircuit.com");
      out.server_url = "https://" + domain;
   } else if (!server_url.empty()) {
      if (!is_http_url(server_url)) s.problem("server_url", "expected an http(s) URL without query");
      out.server_url = server_url;
   } else if (!s.has("domain") && !s.has("server_url")) {
      s.problem("domain", "is required: the Circuit domain, e.g. eu.yourcircuit.com");
   }
   while (!out.server_url.empty() && out.server_url.back() == '/') out.server_url.pop_back();
   if (!s.has("client_id")) {
      s.problem("client_id", "is required: the bot's OAuth client id");
   } else {
      out.client_id = s.get_string("client_id", "", 1, 128);
      if (out.client_id.find(':') != std::string::npos) s.problem("client_id", "may not contain ':'");
   }
   const std::string_view secret_key = http::renamed_key(s, "client_secret", "client_secret_secret", out.warnings);
   if (!s.has(secret_key)) {
      s.problem("client_secret", "is required: the name of the secret holding the bot's secret code");
   } else {
      out.client_secret = http::read_secret_name(s, secret_key, "secret itself");
   }
   out.scope = s.get_string("scope", out.scope, 1, 255);
   if (out.scope.find_first_of(" \t") != std::string::npos) s.problem("scope", "a comma-separated list without spaces");
   out.proxy = http::read_proxy(s);
   out.batch_size = static_cast<int>(s.get_int("batch_size", out.batch_size, 1, 500));
   out.poll_interval_seconds = static_cast<int>(s.get_int("poll_interval_seconds", out.poll_interval_seconds, 1, 3600));
   out.requests_per_minute = static_cast<int>(s.get_int("requests_per_minute", out.requests_per_minute, 1, 100'000));
   out.push = s.get_bool("push", out.push);
   out.push_poll_interval_seconds =
       static_cast<int>(s.get_int("push_poll_interval_seconds", out.push_poll_interval_seconds, 10, 86'400));
   out.token_margin_seconds = static_cast<int>(s.get_int("token_margin_seconds", out.token_margin_seconds, 0, 1800));
   out.timeout_seconds = static_cast<int>(s.get_int("timeout_seconds", out.timeout_seconds, 1, 300));
   http::read_backoff(s, out.backoff_min_seconds, out.backoff_max_seconds);
   const http::TlsOptions tls = http::read_tls(s);
   out.ca_file = tls.ca_file;
   out.verify_tls = tls.verify;
   if (auto checked = s.finish(); !checked.ok()) return checked.error();
   return out;
}

}  // namespace portier::circuit
