// SPDX-License-Identifier: GPL-3.0-or-later
#include "skype_settings.h"

#include <portier/settings.hpp>

#include "settings_checks.h"

namespace portier::skype {
namespace {

using http::is_http_url;
using http::is_secret_name;

bool is_domain(std::string_view domain) {
   if (domain.empty() || domain.front() == '.' || domain.back() == '.') return false;
   for (const char c : domain) {
      const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
      if (!ok) return false;
   }
   return true;
}

}  // namespace

Result<SkypeSettings> parse_skype_settings(std::string_view json) {
   Settings s(json);
   SkypeSettings out;
   const std::string domain = s.get_string("sip_domain", "", 1, 253);
   const std::string discovery = s.get_string("discovery_url", "", 8, 255);
   if (!domain.empty() && !is_domain(domain)) s.problem("sip_domain", "'" + domain.substr(0, 100) + "' is not a domain name");
   if (!discovery.empty() && !is_http_url(discovery)) s.problem("discovery_url", "expected an http(s) URL without query");
   if (domain.empty() && discovery.empty()) {
      s.problem("sip_domain", "is required (or discovery_url): the SIP domain whose lyncdiscover host answers");
   }
   out.discovery_url = !discovery.empty() ? discovery : "https://lyncdiscover." + domain + "/";
   if (!s.has("user")) {
      s.problem("user", "is required: the service user's sign-in address");
   } else {
      out.user = s.get_string("user", "", 3, 255);
      if (!out.user.empty() && out.user.find('@') == std::string::npos) {
         s.problem("user", "expected a sign-in address user@domain");
      }
   }
   out.password_secret = s.get_string("password_secret", "", 1, 63);
   if (out.password_secret.empty()) {
      s.problem("password_secret", "is required: the name of the secret holding the user's password");
   } else if (!is_secret_name(out.password_secret)) {
      s.problem("password_secret", "a secret's name (a-z, 0-9, _ . -) from the entry's secrets, not the password");
   }
   out.user_agent = s.get_string("user_agent", out.user_agent, 1, 128);
   out.culture = s.get_string("culture", out.culture, 2, 16);
   out.proxy = http::read_proxy(s);
   out.subscription_minutes = static_cast<int>(
       s.get_int("subscription_minutes", out.subscription_minutes, kMinSubscriptionMinutes, kMaxSubscriptionMinutes));
   out.subscription_batch = static_cast<int>(s.get_int("subscription_batch", out.subscription_batch, 1, 100));
   out.batch_size = static_cast<int>(s.get_int("batch_size", out.batch_size, 1, 100));
   out.event_timeout_seconds = static_cast<int>(s.get_int("event_timeout_seconds", out.event_timeout_seconds, 180, 1800));
   out.token_margin_seconds = static_cast<int>(s.get_int("token_margin_seconds", out.token_margin_seconds, 0, 3600));
   out.timeout_seconds = static_cast<int>(s.get_int("timeout_seconds", out.timeout_seconds, 1, 300));
   http::read_backoff(s, out.backoff_min_seconds, out.backoff_max_seconds);
   const http::TlsOptions tls = http::read_tls(s);
   out.ca_file = tls.ca_file;
   out.verify_tls = tls.verify;
   if (auto checked = s.finish(); !checked.ok()) return checked.error();
   return out;
}

}  // namespace portier::skype
