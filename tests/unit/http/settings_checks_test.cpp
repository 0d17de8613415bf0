// SPDX-License-Identifier: GPL-3.0-or-later
// lib-http's settings checks, shared by the five presence plugins' settings readers.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "settings_checks.h"

using namespace portier;
using namespace portier::http;

namespace {

// The problems a Settings recorded, joined as finish() joins them ("" when none).
std::string problems_of(const Settings &s) {
   const auto checked = s.finish();
   return checked.ok() ? std::string() : checked.message();
}

}  // namespace

TEST_CASE("a secret name is lower-case letters, digits, '_', '.' and '-'") {
   CHECK(is_secret_name("teams_secret"));
   CHECK(is_secret_name("rc.jwt-2"));
   CHECK_FALSE(is_secret_name(""));
   CHECK_FALSE(is_secret_name("Teams"));
   CHECK_FALSE(is_secret_name("abc~def"));
   CHECK_FALSE(is_secret_name("a b"));
}

TEST_CASE("an http(s) URL has a host part and no space, query or fragment") {
   CHECK(is_http_url("https://graph.microsoft.com/v1.0"));
   CHECK(is_http_url("http://127.0.0.1:8080"));
   CHECK_FALSE(is_http_url("https://"));
   CHECK_FALSE(is_http_url("http://"));
   CHECK_FALSE(is_http_url("ftp://host"));
   CHECK_FALSE(is_http_url("https://host/a?b=c"));
   CHECK_FALSE(is_http_url("https://host/#top"));
   CHECK_FALSE(is_http_url("https://ho st"));
   CHECK(is_http_url("https://hooks.example.org/presence", true));
   CHECK_FALSE(is_http_url("http://hooks.example.org/presence", true));
}

TEST_CASE("a secret-name key refuses what looks like the secret itself, without echoing it") {
   Settings s(R"({"client_secret":"Xy7~Q.abc"})");
   CHECK(read_secret_name(s, "client_secret", "client secret") == "Xy7~Q.abc");
   const std::string problems = problems_of(s);
   CHECK(problems == "settings.client_secret: a secret's name (a-z, 0-9, _ . -) from the entry's secrets, not the client secret");
   CHECK(problems.find("Xy7") == std::string::npos);
}

TEST_CASE("an absent secret-name key reads as empty without a problem") {
   Settings s("{}");
   CHECK(read_secret_name(s, "jwt_secret", "JWT credential").empty());
   CHECK(problems_of(s).empty());
}

TEST_CASE("a key under its old name is read with a warning that names the new one") {
   Settings s(R"({"client_secret_secret":"teams_secret"})");
   std::vector<std::string> warnings;
   const std::string_view key = renamed_key(s, "client_secret", "client_secret_secret", warnings);
   CHECK(key == "client_secret_secret");
   CHECK(read_secret_name(s, key, "client secret") == "teams_secret");
   REQUIRE(warnings.size() == 1);
   CHECK(warnings[0] ==
         "settings.client_secret_secret is the old name of client_secret, accepted for now: rename it to client_secret");
   CHECK(problems_of(s).empty());
}

TEST_CASE("the new key name reads without a warning") {
   Settings s(R"({"client_secret":"teams_secret"})");
   std::vector<std::string> warnings;
   CHECK(renamed_key(s, "client_secret", "client_secret_secret", warnings) == "client_secret");
   CHECK(warnings.empty());
   CHECK(problems_of(s) == "");  // the old name counts as known, so no unknown key either
}

TEST_CASE("a key given under both names is a problem on the old one") {
   Settings s(R"({"client_secret":"a","client_secret_secret":"b"})");
   std::vector<std::string> warnings;
   CHECK(renamed_key(s, "client_secret", "client_secret_secret", warnings) == "client_secret");
   (void)read_secret_name(s, "client_secret", "client secret");
   CHECK(warnings.empty());
   CHECK(problems_of(s) == "settings.client_secret_secret: is the old name of client_secret; give only client_secret");
}

TEST_CASE("tls reads ca_file and verify, and keeps the defaults for what is absent") {
   Settings absent("{}");
   const TlsOptions defaults = read_tls(absent);
   CHECK(defaults.ca_file.empty());
   CHECK(defaults.verify);
   Settings s(R"({"tls":{"ca_file":"/etc/portier/ca.pem","verify":false}})");
   const TlsOptions tls = read_tls(s);
   CHECK(tls.ca_file == "/etc/portier/ca.pem");
   CHECK_FALSE(tls.verify);
   CHECK(problems_of(s).empty());
}

TEST_CASE("tls problems name the key and suggest the likeliest one") {
   Settings not_object(R"({"tls":true})");
   (void)read_tls(not_object);
   CHECK(problems_of(not_object) == "settings.tls: expected {ca_file, verify}, got a boolean");
   Settings s(R"({"tls":{"ca_file":"ca.pem","verify":"yes","verfy":true}})");
   const TlsOptions tls = read_tls(s);
   CHECK(tls.ca_file.empty());
   CHECK(tls.verify);
   CHECK(problems_of(s) == "settings.tls.ca_file: expected the absolute path of a PEM file; settings.tls.verify: expected "
                           "true or false; settings.tls: unknown key 'verfy' (did you mean 'verify'?)");
}

TEST_CASE("a plugin's own tls keys are handed to it and named in the messages") {
   Settings s(R"({"tls":{"mode":"none","other":1}})");
   std::string mode;
   (void)read_tls(s, {"mode"}, [&](const std::string &key, const json::Value &item) {
      if (key != "mode") return false;
      mode = item.text;
      return true;
   });
   CHECK(mode == "none");
   CHECK(problems_of(s) == "settings.tls: unknown key 'other' (expected: mode, ca_file, verify)");
   Settings wrong(R"({"tls":[]})");
   (void)read_tls(wrong, {"mode"}, [](const std::string &, const json::Value &) { return true; });
   CHECK(problems_of(wrong) == "settings.tls: expected {mode, ca_file, verify}, got an array");
}

TEST_CASE("a proxy is a host name or an http:// URL, with an optional port") {
   Settings plain(R"({"proxy_url": "proxy.example.net", "proxy_port": 3128})");
   CHECK(read_proxy(plain) == "http://proxy.example.net:3128");
   CHECK(problems_of(plain).empty());
   Settings url(R"({"proxy_url": "http://127.0.0.1:8080"})");
   CHECK(read_proxy(url) == "http://127.0.0.1:8080");
   CHECK(problems_of(url).empty());
   Settings none(R"({})");
   CHECK(read_proxy(none).empty());
   CHECK(problems_of(none).empty());
}

TEST_CASE("a proxy of another scheme, or a port without a proxy, is a problem") {
   Settings scheme(R"({"proxy_url": "socks5://127.0.0.1"})");
   (void)read_proxy(scheme);
   CHECK(problems_of(scheme).find("proxy_url: expected a host name or an http:// URL") != std::string::npos);
   Settings port(R"({"proxy_port": 3128})");
   CHECK(read_proxy(port).empty());
   CHECK(problems_of(port).find("proxy_port: needs proxy_url") != std::string::npos);
}

TEST_CASE("the backoff range keeps its defaults and refuses a maximum below the minimum") {
   int min_s = 1, max_s = 300;
   Settings defaults(R"({})");
   read_backoff(defaults, min_s, max_s);
   CHECK(min_s == 1);
   CHECK(max_s == 300);
   CHECK(problems_of(defaults).empty());
   Settings inverted(R"({"backoff_min_seconds": 60, "backoff_max_seconds": 10})");
   read_backoff(inverted, min_s, max_s);
   CHECK(min_s == 60);
   CHECK(max_s == 10);
   CHECK(problems_of(inverted).find("backoff_max_seconds: is below backoff_min_seconds") != std::string::npos);
}
