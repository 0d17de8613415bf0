// SPDX-License-Identifier: GPL-3.0-or-later
#include "office_settings.h"

#include <algorithm>

#include <portier/settings.hpp>

#include "settings_checks.h"

namespace portier::office {
namespace {

using http::is_http_url;
using http::read_secret_name;

void read_credentials(Settings &s, OfficeSettings &out) {
   if (!s.has("client_id")) {
      s.problem("client_id", "is required: the app's client id from RingCentral's developer console");
   } else {
      out.client_id = s.get_string("client_id", "", 1, 128);
   }
   out.client_secret =
       read_secret_name(s, http::renamed_key(s, "client_secret", "client_secret_secret", out.warnings), "client secret");
   if (out.client_secret.empty()) {
      s.problem("client_secret", "is required: every token request authenticates the app");
   }
   const std::string flow = s.get_string("auth_flow", "jwt", 1, 16);
   if (flow == "jwt") {
      out.auth_flow = AuthFlow::jwt;
   } else if (flow == "password") {
      out.auth_flow = AuthFlow::password;
   } else {
      s.problem("auth_flow", "'" + flow + "' is not one of jwt, password");
   }
   out.jwt_secret = read_secret_name(s, "jwt_secret", "JWT credential");
   out.user = s.get_string("user", "", 1, 255);
   out.extension = s.get_string("extension", "", 1, 16);
   out.password_secret = read_secret_name(s, "password_secret", "password");
   if (out.auth_flow == AuthFlow::jwt) {
      if (out.jwt_secret.empty()) s.problem("jwt_secret", "is required with auth_flow jwt");
      if (!out.user.empty() || !out.password_secret.empty() || !out.extension.empty()) {
         s.problem("user", "user, extension and password_secret belong to auth_flow password");
      }
   } else {
      if (out.user.empty()) s.problem("user", "is required with auth_flow password: the main number or e-mail");
      if (out.password_secret.empty()) s.problem("password_secret", "is required with auth_flow password");
      if (!out.jwt_secret.empty()) s.problem("jwt_secret", "belongs to auth_flow jwt");
   }
}

}  // namespace

int allowed_per_minute(int limit, int share_percent) {
   return std::max(1, limit * share_percent / 100);
}

Result<OfficeSettings> parse_office_settings(std::string_view json) {
   Settings s(json);
   OfficeSettings out;
   read_credentials(s, out);
   out.server_url = s.get_string("server_url", out.server_url, 8, 255);
   if (!is_http_url(out.server_url)) s.problem("server_url", "expected an http(s) URL without query");
   while (!out.server_url.empty() && out.server_url.back() == '/') out.server_url.pop_back();
   out.proxy = http::read_proxy(s);
   const auto int_of = [&s](std::string_view key, int fallback, int lo, int hi) {
      return static_cast<int>(s.get_int(key, fallback, lo, hi));
   };
   out.poll_interval_seconds = int_of("poll_interval_seconds", out.poll_interval_seconds, 1, 3600);
   out.light_requests_per_minute = int_of("light_requests_per_minute", out.light_requests_per_minute, 1, 100'000);
   out.medium_requests_per_minute = int_of("medium_requests_per_minute", out.medium_requests_per_minute, 1, 100'000);
   out.auth_requests_per_minute = int_of("auth_requests_per_minute", out.auth_requests_per_minute, 1, 1000);
   out.budget_share_percent = int_of("budget_share_percent", out.budget_share_percent, 1, 100);
   out.extension_page_size = int_of("extension_page_size", out.extension_page_size, 1, 1000);
   out.relist_seconds = int_of("relist_seconds", out.relist_seconds, 10, 86'400);
   out.token_margin_seconds = int_of("token_margin_seconds", out.token_margin_seconds, 0, 1800);
   out.timeout_seconds = int_of("timeout_seconds", out.timeout_seconds, 1, 300);
   http::read_backoff(s, out.backoff_min_seconds, out.backoff_max_seconds);
   out.websocket = s.get_bool("websocket", out.websocket);
   out.websocket_heartbeat_seconds = int_of("websocket_heartbeat_seconds", out.websocket_heartbeat_seconds, 1, 1800);
   out.websocket_account_filter_above =
       int_of("websocket_account_filter_above", out.websocket_account_filter_above, 0, 100'000);
   const http::TlsOptions tls = http::read_tls(s);
   out.ca_file = tls.ca_file;
   out.verify_tls = tls.verify;
   if (auto checked = s.finish(); !checked.ok()) return checked.error();
   return out;
}

}  // namespace portier::office
