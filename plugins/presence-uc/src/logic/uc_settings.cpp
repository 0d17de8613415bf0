// SPDX-License-Identifier: GPL-3.0-or-later
#include "uc_settings.h"

#include <portier/settings.hpp>

#include "jid_keys.h"
#include "settings_checks.h"

namespace portier::uc {
namespace {

using http::is_secret_name;

// A host name or address without scheme, port or path: libstrophe takes it as it is.
bool is_host(std::string_view host) {
   if (host.empty()) return false;
   for (const char c : host) {
      const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                      c == '-' || c == ':' || c == '[' || c == ']';
      if (!ok) return false;
   }
   return true;
}

// tls: {mode, ca_file, verify}; lib-http reads ca_file and verify, the mode is presence.uc's own.
TlsSettings read_tls(Settings &s) {
   TlsSettings out;
   const http::TlsOptions common = http::read_tls(s, {"mode"}, [&](const std::string &key, const json::Value &item) {
      if (key != "mode") return false;
      if (item.kind == json::Kind::string && item.text == "starttls") {
         out.mode = TlsMode::starttls;
      } else if (item.kind == json::Kind::string && item.text == "none") {
         out.mode = TlsMode::none;
      } else {
         s.problem("tls.mode", "expected starttls or none");
      }
      return true;
   });
   out.ca_file = common.ca_file;
   out.verify = common.verify;
   if (out.mode == TlsMode::none && (!out.ca_file.empty() || !out.verify)) {
      s.problem("tls", "ca_file and verify apply to starttls; mode none sends everything in the clear");
   }
   return out;
}

}  // namespace

std::string UcSettings::account_jid() const {
   return user.find('@') == std::string::npos ? user + "@" + domain : user;
}

Result<UcSettings> parse_uc_settings(std::string_view json) {
   Settings s(json);
   UcSettings out;
   if (!s.has("server")) {
      s.problem("server", "is required: the host name or address of the UC XMPP service");
   } else {
      out.server = s.get_string("server", "", 1, 253);
      if (!out.server.empty() && !is_host(out.server)) {
         s.problem("server", "'" + out.server.substr(0, 200) + "' is not a host name or address (no scheme, port or path)");
      }
   }
   out.port = static_cast<int>(s.get_int("port", out.port, 1, 65535));
   if (!s.has("domain")) {
      s.problem("domain", "is required: the XMPP domain of the UC users, e.g. uc.example.com");
   } else {
      out.domain = s.get_string("domain", "", 1, 253);
      if (!out.domain.empty() && (!is_host(out.domain) || out.domain.find(':') != std::string::npos)) {
         s.problem("domain", "'" + out.domain.substr(0, 200) + "' is not a domain name");
      }
   }
   if (!s.has("user")) {
      s.problem("user", "is required: the console's UC account (local part or bare JID)");
   } else {
      out.user = s.get_string("user", "", 1, 255);
      if (out.user.find_first_of("/ ") != std::string::npos) {
         s.problem("user", "a local part or a bare JID, without a resource or spaces");
      }
   }
   if (!s.has("password_secret")) {
      s.problem("password_secret", "is required: the name of the secret holding the account's password");
   } else {
      out.password_secret = s.get_string("password_secret", "", 1, 63);
      if (!out.password_secret.empty() && !is_secret_name(out.password_secret)) {
         s.problem("password_secret", "a secret's name (a-z, 0-9, _ . -) from the entry's secrets, not the password");
      }
   }
   out.resource = s.get_string("resource", out.resource, 1, 64);
   out.version = s.get_string("version", "", 0, 32);
   out.jid_template = s.get_string("jid_template", out.jid_template, 1, 255);
   if (const std::string why = template_problem(out.jid_template); !why.empty()) s.problem("jid_template", why);
   const std::string email = s.get_string("email_jid", "address", 1, 16);
   if (email == "address") {
      out.email_jid = EmailJid::address;
   } else if (email == "local") {
      out.email_jid = EmailJid::local;
   } else {
      s.problem("email_jid", "'" + email + "' is not one of address, local");
   }
   out.request_subscription = s.get_bool("request_subscription", out.request_subscription);
   out.reconnect_min_seconds = static_cast<int>(s.get_int("reconnect_min_seconds", out.reconnect_min_seconds, 1, 3600));
   out.reconnect_max_seconds = static_cast<int>(s.get_int("reconnect_max_seconds", out.reconnect_max_seconds, 1, 3600));
   if (out.reconnect_max_seconds < out.reconnect_min_seconds) {
      s.problem("reconnect_max_seconds", "is below reconnect_min_seconds");
   }
   out.keepalive_seconds = static_cast<int>(s.get_int("keepalive_seconds", out.keepalive_seconds, 5, 3600));
   out.tls = read_tls(s);
   if (auto checked = s.finish(); !checked.ok()) return checked.error();
   return out;
}

}  // namespace portier::uc
