// SPDX-License-Identifier: GPL-3.0-or-later
// presence.uc's settings (the plugin entry's `settings`, handed over as JSON), read and checked
// in one place for validate_config, create and reconfigure. Every problem names its key.
// docs/admin/presence-uc.md maps the manual's UC presence connection fields to these keys.
#pragma once

#include <string>
#include <string_view>

#include <portier/result.hpp>

namespace portier::uc {

enum class TlsMode {
   starttls,  // STARTTLS is required; the connection fails without it
   none       // plain TCP: only when written explicitly, for tests and labs
};

struct TlsSettings {
   TlsMode mode = TlsMode::starttls;
   std::string ca_file;  // PEM file of the CA(s) the server certificate must chain to; "" = system's
   bool verify = true;   // false accepts any certificate (test set-ups only)
};

// How an e-mail key becomes a JID.
enum class EmailJid {
   address,  // the address itself: anna@example.com
   local     // its local part at the XMPP domain: anna@<domain>
};

struct UcSettings {
   std::string server;            // host name or address of the XMPP service (the manual's "Server")
   int port = 5222;               // client-to-server port
   std::string domain;            // XMPP domain of the UC users and of the console account
   std::string user;              // the console account: a local part, or a whole bare JID
   std::string password_secret;   // the secret's name in the entry's `secrets`
   std::string resource = "portier";
   std::string version;           // the UC release as the manual records it; logged only
   std::string jid_template = "{extension}@{domain}";  // extension key -> JID
   EmailJid email_jid = EmailJid::address;
   bool request_subscription = true;  // ask for presence of JIDs the roster does not grant yet
   int reconnect_min_seconds = 1;
   int reconnect_max_seconds = 60;
   int keepalive_seconds = 60;    // TCP keepalive; a dead link is noticed within about twice this
   TlsSettings tls;

   // The console account's bare JID.
   std::string account_jid() const;
};

// Fails with PORTIER_ERR_CONFIG listing every problem, "settings.<key>: ...", joined by "; ".
Result<UcSettings> parse_uc_settings(std::string_view json);

}  // namespace portier::uc
