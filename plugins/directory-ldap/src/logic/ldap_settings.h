// SPDX-License-Identifier: GPL-3.0-or-later
// directory.ldap's settings (the plugin entry's `settings`, handed over as JSON), read and
// checked in one place for validate_config, create and reconfigure. Every problem names its key.
// docs/admin/directory-ldap.md describes each setting.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <portier/result.hpp>

#include "attribute_map.h"

namespace portier::ldap {

enum class Scope { subtree, one_level };

struct TlsSettings {
   std::string ca_file;  // PEM file of the CA(s) the server's certificate must chain to; "" = system's
   bool verify = true;   // false accepts any certificate (test set-ups only)
};

struct LdapSettings {
   std::string url;              // ldap://host[:port] or ldaps://host[:port]
   std::string bind_dn;          // "" binds anonymously
   std::string password_secret;  // the secret's name in the entry's `secrets`; "" with an anonymous bind
   std::string base_dn;
   std::string filter = "(objectClass=inetOrgPerson)";
   Scope scope = Scope::subtree;
   AttributeMap attributes = default_attribute_map();
   int page_size = 500;          // RFC 2696 page size
   int size_limit = 0;           // entries asked of the server at most; 0 = no limit of ours
   int timeout_seconds = 30;     // connect, each operation, and the server's time limit
   bool start_tls = false;       // StartTLS on an ldap:// URL
   TlsSettings tls;

   bool uses_tls() const noexcept { return start_tls || url.rfind("ldaps://", 0) == 0; }
};

// Fails with PORTIER_ERR_CONFIG listing every problem, "settings.<key>: ...", joined by "; ".
Result<LdapSettings> parse_ldap_settings(std::string_view json);

}  // namespace portier::ldap
