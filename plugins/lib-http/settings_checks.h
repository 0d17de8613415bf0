// SPDX-License-Identifier: GPL-3.0-or-later
// The checks every presence plugin's settings reader makes alike: a key that names a secret, an
// http(s) URL, the `tls` object {ca_file, verify}, a key read under the name it had before a
// rename, the proxy (proxy_url, proxy_port) and the backoff range. Each problem is recorded on the Settings with its key, as the SDK's getters do.
// Header-only users need no libcurl: this is its own library, portier_settings_checks.
// Thread tag: [any] for all; a Settings is used from one thread at a time.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <portier/json.hpp>
#include <portier/settings.hpp>

namespace portier::http {

// A name as the configuration's `secrets` allows it: not empty, only a-z, 0-9, '_', '.', '-'.
// (The length, 1..63, is the getter's to check.)
bool is_secret_name(std::string_view name);

// "http://" or "https://" and at least one character more, without space, tab, '?' or '#'.
// With `https_only`, http:// is refused.
bool is_http_url(std::string_view url, bool https_only = false);

// The string at `key` (1..63 characters), the name of a secret in the entry's `secrets`; "" when
// absent. A value that is no secret name is a problem: "a secret's name (a-z, 0-9, _ . -) from
// the entry's secrets, not the <what>".
std::string read_secret_name(Settings &s, std::string_view key, std::string_view what);

// Which of `key` and `old_key` (the same setting's name before a rename) to read: `old_key` when
// only it is given, with a warning naming the new key appended to `warnings`; `key` otherwise.
// Both given is a problem on `old_key`. Marks both as known.
std::string_view renamed_key(Settings &s, std::string_view key, std::string_view old_key,
                             std::vector<std::string> &warnings);

// The optional proxy from `proxy_url` (a host name, or an http:// URL) and `proxy_port`
// (1..65535) as "http://host[:port]"; "" for none. Problems: "proxy_url: expected a host name or
// an http:// URL", "proxy_port: needs proxy_url".
std::string read_proxy(Settings &s);

// `backoff_min_seconds` and `backoff_max_seconds` (1..3600 each, the given values as defaults);
// a maximum below the minimum is a problem on backoff_max_seconds.
void read_backoff(Settings &s, int &min_seconds, int &max_seconds);

struct TlsOptions {
   std::string ca_file;  // absolute path of a PEM file; "" = the system's CAs
   bool verify = true;
};

// A key of `tls` the plugin reads itself (presence.uc's `mode`): returns false when the key is
// not its own, which makes it an unknown key.
using TlsKeyReader = std::function<bool(const std::string &key, const json::Value &item)>;

// Reads the optional `tls` object: ca_file (an absolute path) and verify (true/false), plus the
// keys `own_keys` names, handed to `own`. Problems: "settings.tls: expected {<keys>}, got <kind>",
// "settings.tls.ca_file: ...", "settings.tls.verify: ...", and an unknown key with its likeliest
// meaning. Returns the defaults for what is absent or wrong.
TlsOptions read_tls(Settings &s, const std::vector<std::string> &own_keys = {}, const TlsKeyReader &own = {});

}  // namespace portier::http
