// SPDX-License-Identifier: GPL-3.0-or-later
// pbx.osv's `sync` settings: where the subscriber export (MP2) comes from.
//
//   sync: { file: "/var/lib/portier/export_all.txt" }
//   sync: { sftp: { host: "osv.example.net", user: "osccesync", key_file: "/etc/portier/osv_key",
//                   known_hosts: "/etc/portier/osv_known_hosts", remote_path: "/.../export_all.txt" } }
#pragma once

#include <cstdint>
#include <string>

namespace portier {
class Settings;
}

namespace portier::osv {

// The plugin's secrets (the `secrets` of its entry, read through the host) that stand in for
// settings left out: the account's password when neither key_file nor password is set, and the
// key's passphrase when key_file is set without key_passphrase.
inline constexpr const char *kPasswordSecret = "sync_password";
inline constexpr const char *kPassphraseSecret = "sync_key_passphrase";

struct SftpConfig {
   std::string host;
   std::int64_t port = 22;
   std::string user = "osccesync";  // the account the OSV export script creates
   std::string key_file;            // a private key file, or
   std::string key_passphrase;      //   its passphrase ("" when none)
   std::string password;            // a password (never logged); see kPasswordSecret
   std::string known_hosts;         // an OpenSSH known_hosts file, and/or
   std::string host_fingerprint;    //   the host key's "SHA256:..." as ssh-keygen -l prints it
   std::string remote_path;
   std::int64_t timeout_ms = 30000; // the whole fetch: connect, authenticate, read
};

struct SyncConfig {
   enum class Source { none, file, sftp };
   Source source = Source::none;
   std::string file;
   SftpConfig sftp;
   std::int64_t max_bytes = 64ll << 20;  // the export file's size limit

   bool enabled() const noexcept { return source != Source::none; }
};

// Reads the optional key `sync` of pbx.osv's settings; problems go to `settings` under their
// key path ("settings.sync.sftp.port: ..."), so its finish() reports them. [any]
SyncConfig read_sync_config(Settings &settings);

}  // namespace portier::osv
