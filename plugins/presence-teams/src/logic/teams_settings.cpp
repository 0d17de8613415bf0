// SPDX-License-Identifier: GPL-3.0-or-later
#include "teams_settings.h"

#include <portier/settings.hpp>

#include "settings_checks.h"

namespace portier::teams {
namespace {

using http::is_http_url;
using http::is_secret_name;
using http::read_secret_name;

// Tenant GUIDs and domains: letters, digits, '-' and '.'.
bool is_tenant(std::string_view tenant) {
   if (tenant.empty()) return false;
   for (const char c : tenant) {
      const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
      if (!ok) return false;
   }
   return true;
}

// The change-notification keys; all but notification_url need it.
void read_notifications(Settings &s, TeamsSettings &out) {
   out.lifecycle_url = s.get_string("lifecycle_url", "", 1, 255);
   if (!out.lifecycle_url.empty() && !is_http_url(out.lifecycle_url, true)) {
      s.problem("lifecycle_url", "expected a public https:// URL");
   }
   out.listen_address = s.get_string("notification_listen_address", out.listen_address, 2, 64);
   out.listen_port = static_cast<int>(s.get_int("notification_listen_port", 0, 1, 65535));
   out.subscription_minutes = static_cast<int>(s.get_int("subscription_minutes", out.subscription_minutes, 2, 60));
   out.subscription_renew_minutes =
       static_cast<int>(s.get_int("subscription_renew_minutes", out.subscription_renew_minutes, 1, 59));
   if (out.subscription_renew_minutes >= out.subscription_minutes) {
      s.problem("subscription_renew_minutes", "must be below subscription_minutes");
   }
   if (out.notification_url.empty()) {
      if (!out.lifecycle_url.empty()) s.problem("lifecycle_url", "needs notification_url");
      if (out.listen_port != 0) s.problem("notification_listen_port", "needs notification_url");
      return;
   }
   if (out.listen_port == 0) {
      s.problem("notification_listen_port", "is required with notification_url: the local port the proxy forwards to");
   }
   if (out.lifecycle_url.empty()) out.lifecycle_url = default_lifecycle_url(out.notification_url);
}

}  // namespace

std::string default_lifecycle_url(std::string_view notification_url) {
   std::string url(notification_url);
   while (!url.empty() && url.back() == '/') url.pop_back();
   const std::size_t scheme = url.find("://");
   const std::size_t path = url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
   if (path == std::string::npos) return url + "/lifecycle";
   return url.substr(0, url.rfind('/') + 1) + "lifecycle";
}

Result<TeamsSettings> parse_teams_settings(std::string_view json) {
   Settings s(json);
   TeamsSettings out;
   if (!s.has("tenant_id")) {
      s.problem("tenant_id", "is required: the tenant's GUID or verified domain");
   } else {
      out.tenant_id = s.get_string("tenant_id", "", 1, 253);
      if (!out.tenant_id.empty() && !is_tenant(out.tenant_id)) {
         s.problem("tenant_id", "'" + out.tenant_id.substr(0, 100) + "' is not a tenant GUID or domain");
      } else if (out.tenant_id == "common" || out.tenant_id == "consumers" || out.tenant_id == "organizations") {
         s.problem("tenant_id", "name the tenant itself; '" + out.tenant_id + "' is refused by the token flows used here");
      }
   }
   if (!s.has("client_id")) {
      s.problem("client_id", "is required: the app registration's application (client) id");
   } else {
      out.client_id = s.get_string("client_id", "", 1, 64);
   }
   const std::string flow = s.get_string("auth_flow", "client_credentials", 1, 32);
   if (flow == "client_credentials") {
      out.auth_flow = AuthFlow::client_credentials;
   } else if (flow == "password") {
      out.auth_flow = AuthFlow::password;
   } else {
      s.problem("auth_flow", "'" + flow + "' is not one of client_credentials, password");
   }
   out.client_secret =
       read_secret_name(s, http::renamed_key(s, "client_secret", "client_secret_secret", out.warnings), "client secret");
   out.user = s.get_string("user", "", 1, 255);
   out.password_secret = read_secret_name(s, "password_secret", "password");
   if (out.auth_flow == AuthFlow::client_credentials) {
      if (out.client_secret.empty()) {
         s.problem("client_secret", "is required with auth_flow client_credentials");
      }
      if (!out.user.empty() || !out.password_secret.empty()) {
         s.problem("user", "user and password_secret belong to auth_flow password");
      }
   } else {
      if (out.user.empty()) s.problem("user", "is required with auth_flow password: the service user's UPN");
      if (out.password_secret.empty()) s.problem("password_secret", "is required with auth_flow password");
   }
   out.login_url = s.get_string("login_url", out.login_url, 8, 255);
   if (!is_http_url(out.login_url, false)) s.problem("login_url", "expected an http(s) URL without query");
   out.graph_url = s.get_string("graph_url", out.graph_url, 8, 255);
   if (!is_http_url(out.graph_url, false)) s.problem("graph_url", "expected an http(s) URL without query");
   while (!out.login_url.empty() && out.login_url.back() == '/') out.login_url.pop_back();
   while (!out.graph_url.empty() && out.graph_url.back() == '/') out.graph_url.pop_back();
   out.proxy = http::read_proxy(s);
   out.notification_url = s.get_string("notification_url", "", 1, 255);
   if (!out.notification_url.empty() && !is_http_url(out.notification_url, true)) {
      s.problem("notification_url", "expected a public https:// URL");
   }
   read_notifications(s, out);
   const std::string lookup = s.get_string("email_lookup", "upn", 1, 16);
   if (lookup == "upn") {
      out.email_lookup = EmailLookup::upn;
   } else if (lookup == "filter") {
      out.email_lookup = EmailLookup::filter;
   } else {
      s.problem("email_lookup", "'" + lookup + "' is not one of upn, filter");
   }
   out.poll_interval_seconds = static_cast<int>(s.get_int("poll_interval_seconds", out.poll_interval_seconds, 1, 3600));
   out.budget_requests_per_30s =
       static_cast<int>(s.get_int("budget_requests_per_30s", out.budget_requests_per_30s, 10, 100'000));
   out.budget_share_percent = static_cast<int>(s.get_int("budget_share_percent", out.budget_share_percent, 1, 90));
   out.token_margin_seconds = static_cast<int>(s.get_int("token_margin_seconds", out.token_margin_seconds, 0, 1800));
   out.timeout_seconds = static_cast<int>(s.get_int("timeout_seconds", out.timeout_seconds, 1, 300));
   http::read_backoff(s, out.backoff_min_seconds, out.backoff_max_seconds);
   const http::TlsOptions tls = http::read_tls(s);
   out.ca_file = tls.ca_file;
   out.verify_tls = tls.verify;
   if (auto checked = s.finish(); !checked.ok()) return checked.error();
   return out;
}

}  // namespace portier::teams
