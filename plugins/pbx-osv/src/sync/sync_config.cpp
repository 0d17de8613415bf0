// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync_config.h"

#include <charconv>
#include <string_view>
#include <system_error>
#include <vector>

#include <portier/did_you_mean.hpp>
#include <portier/settings.hpp>

namespace portier::osv {
namespace {

constexpr std::size_t kMaxPath = 4096;
constexpr std::string_view kFingerprintPrefix = "SHA256:";
constexpr std::size_t kFingerprintChars = 43;  // base64 of 32 bytes without padding

// The members of one nested settings object, checked like portier::Settings does at the top
// level, with problems reported to the top-level object under `path`.
class Nested {
public:
   Nested(Settings &top, std::string path, const json::Value &object) : top_(top), path_(std::move(path)), object_(object) {}

   const json::Value *get(std::string_view key) {
      bool known = false;
      for (const std::string &a : asked_) known = known || a == key;
      if (!known) asked_.emplace_back(key);
      return present(key) ? object_.find(key) : nullptr;
   }

   bool present(std::string_view key) const {
      const json::Value *v = object_.find(key);
      return v != nullptr && v->kind != json::Kind::null;
   }

   std::string get_string(std::string_view key, std::string fallback, std::size_t max_bytes = kMaxPath) {
      const json::Value *v = get(key);
      if (v == nullptr) return fallback;
      if (v->kind != json::Kind::string) {
         problem(key, std::string("expected a string, got ") + json::describe(v->kind));
      } else if (v->text.empty() || v->text.size() > max_bytes) {
         problem(key, "must be 1.." + std::to_string(max_bytes) + " bytes long");
      } else {
         return v->text;
      }
      return fallback;
   }

   std::int64_t get_int(std::string_view key, std::int64_t fallback, std::int64_t min, std::int64_t max) {
      const json::Value *v = get(key);
      if (v == nullptr) return fallback;
      std::int64_t n = 0;
      const char *first = v->text.data();
      const char *last = first + v->text.size();
      const auto [end, ec] = std::from_chars(first, last, n);
      if (v->kind != json::Kind::number || ec != std::errc() || end != last || n < min || n > max) {
         problem(key, "expected an integer in " + std::to_string(min) + ".." + std::to_string(max));
         return fallback;
      }
      return n;
   }

   void problem(std::string_view key, std::string_view what) {
      top_.problem(key.empty() ? path_ : path_ + "." + std::string(key), what);
   }

   // One problem per member nobody asked for.
   void finish() {
      for (const std::string &k : object_.keys) {
         bool known = false;
         for (const std::string &a : asked_) known = known || a == k;
         if (!known) problem("", unknown_key_text(k, asked_));
      }
   }

private:
   Settings &top_;
   std::string path_;
   const json::Value &object_;
   std::vector<std::string> asked_;
};

bool is_absolute(const std::string &path) { return !path.empty() && path.front() == '/'; }

void require_absolute(Nested &n, std::string_view key, const std::string &path) {
   if (!path.empty() && !is_absolute(path)) n.problem(key, "must be an absolute path");
}

bool valid_fingerprint(std::string_view f) {
   if (f.substr(0, kFingerprintPrefix.size()) != kFingerprintPrefix) return false;
   f.remove_prefix(kFingerprintPrefix.size());
   if (f.size() != kFingerprintChars) return false;
   for (char c : f) {
      const bool b64 = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
      if (!b64) return false;
   }
   return true;
}

SftpConfig read_sftp(Settings &top, const json::Value &object) {
   Nested n(top, "sync.sftp", object);
   SftpConfig c;
   c.host = n.get_string("host", "", 253);
   c.port = n.get_int("port", c.port, 1, 65535);
   c.user = n.get_string("user", c.user, 64);
   c.key_file = n.get_string("key_file", "");
   c.key_passphrase = n.get_string("key_passphrase", "", 1024);
   c.password = n.get_string("password", "", 1024);
   c.known_hosts = n.get_string("known_hosts", "");
   c.host_fingerprint = n.get_string("host_fingerprint", "", 128);
   c.remote_path = n.get_string("remote_path", "");
   c.timeout_ms = n.get_int("timeout_ms", c.timeout_ms, 1000, 600000);
   if (!n.present("host")) n.problem("host", "is required");
   if (!n.present("remote_path")) n.problem("remote_path", "is required");
   const bool key = n.present("key_file");
   const bool password = n.present("password");
   // Neither: the password comes from the plugin's secret kPasswordSecret when fetching.
   if (key && password) n.problem("", "give either 'key_file' or 'password', not both");
   if (n.present("key_passphrase") && !key) n.problem("key_passphrase", "needs 'key_file'");
   if (!n.present("known_hosts") && !n.present("host_fingerprint")) {
      n.problem("", "give 'known_hosts' or 'host_fingerprint': the host key is always checked");
   }
   if (!c.host_fingerprint.empty() && !valid_fingerprint(c.host_fingerprint)) {
      n.problem("host_fingerprint", "expected 'SHA256:' and 43 base64 characters, as ssh-keygen -l prints it");
   }
   require_absolute(n, "key_file", c.key_file);
   require_absolute(n, "known_hosts", c.known_hosts);
   require_absolute(n, "remote_path", c.remote_path);
   n.finish();
   return c;
}

}  // namespace

SyncConfig read_sync_config(Settings &settings) {
   SyncConfig c;
   const json::Value *sync = settings.get("sync");
   if (sync == nullptr) return c;
   if (sync->kind != json::Kind::object) {
      settings.problem("sync", std::string("expected an object, got ") + json::describe(sync->kind));
      return c;
   }
   Nested n(settings, "sync", *sync);
   c.file = n.get_string("file", "");
   c.max_bytes = n.get_int("max_bytes", c.max_bytes, 1024, 1ll << 30);
   const json::Value *sftp = n.get("sftp");
   if (sftp != nullptr && sftp->kind != json::Kind::object) {
      n.problem("sftp", std::string("expected an object, got ") + json::describe(sftp->kind));
   } else if (sftp != nullptr) {
      c.sftp = read_sftp(settings, *sftp);
   }
   require_absolute(n, "file", c.file);
   const bool has_file = n.present("file");
   if (has_file && sftp != nullptr) {
      n.problem("", "give either 'file' or 'sftp', not both");
   } else if (!has_file && sftp == nullptr) {
      n.problem("", "give 'file' or 'sftp'");
   } else {
      c.source = has_file ? SyncConfig::Source::file : SyncConfig::Source::sftp;
   }
   n.finish();
   return c;
}

}  // namespace portier::osv
