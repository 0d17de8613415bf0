// SPDX-License-Identifier: GPL-3.0-or-later
#include "ldap_session.h"

#include <ldap.h>
#include <sys/time.h>

#include <memory>
#include <vector>

namespace portier::ldap {
namespace {

// The handle and what libldap allocated for one page, freed however a step ends.
struct HandleFree {
   void operator()(LDAP *ld) const noexcept { ldap_unbind_ext_s(ld, nullptr, nullptr); }
};
struct MessageFree {
   void operator()(LDAPMessage *m) const noexcept { ldap_msgfree(m); }
};
struct ControlsFree {
   void operator()(LDAPControl **c) const noexcept { ldap_controls_free(c); }
};
using Handle = std::unique_ptr<LDAP, HandleFree>;
using Message = std::unique_ptr<LDAPMessage, MessageFree>;
using Controls = std::unique_ptr<LDAPControl *, ControlsFree>;

// The paged-results cookie; empty when the server has no more pages.
class Cookie {
public:
   Cookie() = default;
   Cookie(const Cookie &) = delete;
   Cookie &operator=(const Cookie &) = delete;
   ~Cookie() { ber_memfree(value_.bv_val); }
   berval *get() noexcept { return &value_; }
   bool empty() const noexcept { return value_.bv_len == 0; }
   void reset() noexcept {
      ber_memfree(value_.bv_val);
      value_ = berval{0, nullptr};
   }

private:
   berval value_{0, nullptr};
};

std::string diagnostic(LDAP *ld) {
   char *text = nullptr;
   if (ld == nullptr || ldap_get_option(ld, LDAP_OPT_DIAGNOSTIC_MESSAGE, &text) != LDAP_OPT_SUCCESS || text == nullptr) {
      return {};
   }
   std::string out = text;
   ldap_memfree(text);
   return out;
}

// `what` failed with the LDAP result code `rc`: the status and the words an administrator
// needs, with the server's or libldap's own detail appended.
SearchOutcome failure(LDAP *ld, int rc, const std::string &what, const LdapSettings &settings) {
   SearchOutcome out;
   std::string detail = diagnostic(ld);
   // libldap's placeholder says nothing an administrator can use
   if (detail == "(unknown error code)") detail.clear();
   const std::string suffix = detail.empty() ? "" : " (" + detail + ")";
   switch (rc) {
   case LDAP_INVALID_CREDENTIALS:
      out.status = PORTIER_ERR_DENIED;
      out.message = what + ": invalid credentials for '" + settings.bind_dn + "'";
      break;
   case LDAP_SERVER_DOWN:
   case LDAP_CONNECT_ERROR:
      // libldap reports a failed TLS handshake (an unknown CA, a wrong host name) like a server
      // that is not there; with TLS on, name both so the administrator checks tls.ca_file
      out.status = PORTIER_ERR_UNAVAILABLE;
      out.message = settings.uses_tls() ? what + ": server unreachable or TLS handshake failed (does tls.ca_file hold "
                                                 "the CA of the server's certificate?)" + suffix
                                        : what + ": server unreachable (" + ldap_err2string(rc) + ")" + suffix;
      break;
   case LDAP_TIMEOUT:
   case LDAP_TIMELIMIT_EXCEEDED:
      out.status = PORTIER_ERR_TIMEOUT;
      out.message = what + ": timeout after " + std::to_string(settings.timeout_seconds) + " s" + suffix;
      break;
   case LDAP_SIZELIMIT_EXCEEDED:
      out.status = PORTIER_ERR_INVALID;
      out.message = what + ": size limit exceeded" +
                    (settings.size_limit > 0 ? " (size_limit " + std::to_string(settings.size_limit) + ")"
                                             : " (the server's limit)") + suffix;
      break;
   case LDAP_NO_SUCH_OBJECT:
      out.status = PORTIER_ERR_NOT_FOUND;
      out.message = what + ": base_dn '" + settings.base_dn + "' does not exist" + suffix;
      break;
   case LDAP_UNAVAILABLE_CRITICAL_EXTENSION:
      out.status = PORTIER_ERR_UNSUPPORTED;
      out.message = what + ": the server does not support paged results (RFC 2696)" + suffix;
      break;
   default:
      out.status = PORTIER_ERR_UNAVAILABLE;
      out.message = what + ": " + ldap_err2string(rc) + suffix;
      break;
   }
   return out;
}

Entry read_entry(LDAP *ld, LDAPMessage *message) {
   Entry entry;
   if (char *dn = ldap_get_dn(ld, message); dn != nullptr) {
      entry.dn = dn;
      ldap_memfree(dn);
   }
   BerElement *ber = nullptr;
   for (char *name = ldap_first_attribute(ld, message, &ber); name != nullptr; name = ldap_next_attribute(ld, message, ber)) {
      std::vector<std::string> values;
      if (berval **vals = ldap_get_values_len(ld, message, name); vals != nullptr) {
         for (berval **v = vals; *v != nullptr; ++v) values.emplace_back((*v)->bv_val, (*v)->bv_len);
         ldap_value_free_len(vals);
      }
      entry.attributes.emplace_back(name, std::move(values));
      ldap_memfree(name);
   }
   if (ber != nullptr) ber_free(ber, 0);
   return entry;
}

// Options that apply before the first connection: protocol, timeouts, TLS. Returns the first
// option libldap refused, or "".
std::string set_options(LDAP *ld, const LdapSettings &settings) {
   const int version = LDAP_VERSION3;
   timeval timeout{settings.timeout_seconds, 0};
   if (ldap_set_option(ld, LDAP_OPT_PROTOCOL_VERSION, &version) != LDAP_OPT_SUCCESS) return "protocol version 3";
   if (ldap_set_option(ld, LDAP_OPT_REFERRALS, LDAP_OPT_OFF) != LDAP_OPT_SUCCESS) return "referrals off";
   if (ldap_set_option(ld, LDAP_OPT_NETWORK_TIMEOUT, &timeout) != LDAP_OPT_SUCCESS) return "network timeout";
   if (ldap_set_option(ld, LDAP_OPT_TIMEOUT, &timeout) != LDAP_OPT_SUCCESS) return "timeout";
   if (!settings.uses_tls()) return {};
   if (!settings.tls.ca_file.empty() &&
       ldap_set_option(ld, LDAP_OPT_X_TLS_CACERTFILE, settings.tls.ca_file.c_str()) != LDAP_OPT_SUCCESS) {
      return "tls.ca_file";
   }
   const int require = settings.tls.verify ? LDAP_OPT_X_TLS_DEMAND : LDAP_OPT_X_TLS_NEVER;
   if (ldap_set_option(ld, LDAP_OPT_X_TLS_REQUIRE_CERT, &require) != LDAP_OPT_SUCCESS) return "tls.verify";
   // the options above go into a TLS context of this handle only, not the process-wide one
   const int server = 0;
   if (ldap_set_option(ld, LDAP_OPT_X_TLS_NEWCTX, &server) != LDAP_OPT_SUCCESS) return "a TLS context";
   return {};
}

}  // namespace

SearchOutcome search_directory(const LdapSettings &settings, const std::optional<std::string> &password,
                               const EntrySink &sink, std::stop_token stop) {
   LDAP *raw = nullptr;
   if (const int rc = ldap_initialize(&raw, settings.url.c_str()); rc != LDAP_SUCCESS) {
      return failure(nullptr, rc, "url '" + settings.url + "'", settings);
   }
   Handle ld(raw);
   if (const std::string option = set_options(ld.get(), settings); !option.empty()) {
      return SearchOutcome{PORTIER_ERR_CONFIG, "libldap refused the option " + option, 0};
   }
   if (settings.start_tls) {
      if (const int rc = ldap_start_tls_s(ld.get(), nullptr, nullptr); rc != LDAP_SUCCESS) {
         return failure(ld.get(), rc, "StartTLS", settings);
      }
   }
   if (!settings.bind_dn.empty() && !password) {
      return SearchOutcome{PORTIER_ERR_CONFIG,
                           "bind failed: no secret '" + settings.password_secret + "' in the entry's secrets", 0};
   }
   std::string secret = password.value_or("");
   berval credentials{static_cast<ber_len_t>(secret.size()), secret.data()};
   const int bound = ldap_sasl_bind_s(ld.get(), settings.bind_dn.c_str(), LDAP_SASL_SIMPLE, &credentials, nullptr,
                                      nullptr, nullptr);
   secret.assign(secret.size(), '\0');
   if (bound != LDAP_SUCCESS) return failure(ld.get(), bound, "bind failed", settings);

   std::vector<std::string> names = settings.attributes.requested();
   std::vector<char *> attributes;
   for (std::string &n : names) attributes.push_back(n.data());
   attributes.push_back(nullptr);
   const int scope = settings.scope == Scope::one_level ? LDAP_SCOPE_ONELEVEL : LDAP_SCOPE_SUBTREE;

   SearchOutcome out;
   Cookie cookie;
   while (out.pages < kMaxPages) {
      if (stop.stop_requested()) return SearchOutcome{PORTIER_ERR_STATE, "import cancelled", out.pages};
      LDAPControl *page_control = nullptr;
      if (const int rc = ldap_create_page_control(ld.get(), static_cast<ber_int_t>(settings.page_size), cookie.get(), 1,
                                                  &page_control);
          rc != LDAP_SUCCESS) {
         return failure(ld.get(), rc, "search", settings);
      }
      LDAPControl *controls[] = {page_control, nullptr};
      timeval timeout{settings.timeout_seconds, 0};
      LDAPMessage *raw_result = nullptr;
      const int searched = ldap_search_ext_s(ld.get(), settings.base_dn.c_str(), scope, settings.filter.c_str(),
                                             attributes.data(), 0, controls, nullptr, &timeout, settings.size_limit,
                                             &raw_result);
      ldap_control_free(page_control);
      Message result(raw_result);
      if (searched != LDAP_SUCCESS) return failure(ld.get(), searched, "search", settings);
      ++out.pages;
      for (LDAPMessage *e = ldap_first_entry(ld.get(), result.get()); e != nullptr; e = ldap_next_entry(ld.get(), e)) {
         sink(read_entry(ld.get(), e), out.pages);
      }
      int code = LDAP_SUCCESS;
      LDAPControl **raw_returned = nullptr;
      if (const int rc = ldap_parse_result(ld.get(), result.get(), &code, nullptr, nullptr, nullptr, &raw_returned, 0);
          rc != LDAP_SUCCESS) {
         return failure(ld.get(), rc, "search", settings);
      }
      Controls returned(raw_returned);
      if (code != LDAP_SUCCESS) return failure(ld.get(), code, "search", settings);
      cookie.reset();
      LDAPControl *response = ldap_control_find(LDAP_CONTROL_PAGEDRESULTS, returned.get(), nullptr);
      if (response == nullptr) return out;  // a server that answered in one go
      ber_int_t estimate = 0;
      if (const int rc = ldap_parse_pageresponse_control(ld.get(), response, &estimate, cookie.get()); rc != LDAP_SUCCESS) {
         return failure(ld.get(), rc, "search: paged results response", settings);
      }
      if (cookie.empty()) return out;
   }
   return SearchOutcome{PORTIER_ERR_INVALID, "search: more than " + std::to_string(kMaxPages) + " result pages", out.pages};
}

}  // namespace portier::ldap
