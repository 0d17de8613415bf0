// SPDX-License-Identifier: GPL-3.0-or-later
#include "ldap_settings.h"

#include <portier/settings.hpp>

#include "settings_checks.h"

namespace portier::ldap {
namespace {

constexpr std::size_t kMaxFilter = 4096;
constexpr std::size_t kMaxDn = 1024;

// Secret names as the configuration allows them: a-z, 0-9, '_', '.', '-'.
bool is_secret_name(std::string_view name) {
   for (const char c : name) {
      const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
      if (!ok) return false;
   }
   return true;
}

// A URL libldap takes: scheme, a host, an optional port, nothing after (base and filter are
// settings of their own, so an RFC 4516 URL's extra parts would be ignored silently).
std::string url_problem(const std::string &url) {
   std::string_view rest = url;
   if (rest.rfind("ldap://", 0) == 0) {
      rest.remove_prefix(7);
   } else if (rest.rfind("ldaps://", 0) == 0) {
      rest.remove_prefix(8);
   } else {
      return "'" + url.substr(0, 200) + "' does not start with ldap:// or ldaps://";
   }
   if (!rest.empty() && rest.back() == '/') rest.remove_suffix(1);
   if (rest.empty()) return "'" + url.substr(0, 200) + "' names no host";
   if (rest.find_first_of("/?# ") != std::string_view::npos) {
      return "'" + url.substr(0, 200) + "': only scheme, host and port; base_dn and filter are settings of their own";
   }
   if (const auto colon = rest.rfind(':'); colon != std::string_view::npos && rest.find(']') == std::string_view::npos) {
      const std::string_view port = rest.substr(colon + 1);
      const bool digits = !port.empty() && port.size() <= 5 && port.find_first_not_of("0123456789") == std::string_view::npos;
      if (!digits || std::stoi(std::string(port)) < 1 || std::stoi(std::string(port)) > 65535) {
         return "'" + url.substr(0, 200) + "': the port is not 1..65535";
      }
   }
   return {};
}

// Parentheses balanced and the whole a single "( ... )": catches a filter cut by YAML quoting.
bool filter_well_formed(const std::string &filter) {
   if (filter.size() < 3 || filter.front() != '(' || filter.back() != ')') return false;
   int depth = 0;
   for (std::size_t i = 0; i < filter.size(); ++i) {
      if (filter[i] == '(') ++depth;
      if (filter[i] == ')' && --depth < 0) return false;
      if (depth == 0 && i + 1 != filter.size()) return false;
   }
   return depth == 0;
}

}  // namespace

Result<LdapSettings> parse_ldap_settings(std::string_view json) {
   Settings s(json);
   LdapSettings out;
   if (!s.has("url")) {
      s.problem("url", "is required: ldap://host:port or ldaps://host:port");
   } else {
      out.url = s.get_string("url", "", 1, 512);
      if (const std::string why = url_problem(out.url); !why.empty()) s.problem("url", why);
   }
   out.bind_dn = s.get_string("bind_dn", "", 0, kMaxDn);
   out.password_secret = s.get_string("password_secret", "", 0, 63);
   if (!is_secret_name(out.password_secret)) {
      s.problem("password_secret", "a secret's name (a-z, 0-9, _ . -) from the entry's secrets, not the password");
   }
   if (!out.bind_dn.empty() && out.password_secret.empty()) {
      s.problem("password_secret", "is required with bind_dn: the name of the secret holding the bind password");
   }
   if (out.bind_dn.empty() && !out.password_secret.empty()) {
      s.problem("bind_dn", "is required with password_secret (an anonymous bind has no password)");
   }
   if (!s.has("base_dn")) {
      s.problem("base_dn", "is required: where the search starts, e.g. ou=people,dc=example,dc=com");
   } else {
      out.base_dn = s.get_string("base_dn", "", 0, kMaxDn);
   }
   out.filter = s.get_string("filter", out.filter, 3, kMaxFilter);
   if (!filter_well_formed(out.filter)) {
      s.problem("filter", "'" + out.filter.substr(0, 200) + "' is not one parenthesised LDAP filter");
   }
   const std::string scope = s.get_string("scope", "sub", 1, 16);
   if (scope == "sub") {
      out.scope = Scope::subtree;
   } else if (scope == "one") {
      out.scope = Scope::one_level;
   } else {
      s.problem("scope", "'" + scope + "' is not one of sub, one");
   }
   out.attributes = read_attribute_map(s, s.get("attributes"));
   out.page_size = static_cast<int>(s.get_int("page_size", out.page_size, 1, 10000));
   out.size_limit = static_cast<int>(s.get_int("size_limit", out.size_limit, 0, 10'000'000));
   out.timeout_seconds = static_cast<int>(s.get_int("timeout_seconds", out.timeout_seconds, 1, 3600));
   out.start_tls = s.get_bool("start_tls", false);
   if (out.start_tls && out.url.rfind("ldaps://", 0) == 0) {
      s.problem("start_tls", "is for ldap:// URLs; an ldaps:// connection is encrypted from the start");
   }
   const http::TlsOptions tls = http::read_tls(s);
   out.tls = TlsSettings{tls.ca_file, tls.verify};
   if (auto checked = s.finish(); !checked.ok()) return checked.error();
   return out;
}

}  // namespace portier::ldap
