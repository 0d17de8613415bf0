// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>

#include "settings.h"

using portier::web::read_settings;

namespace {

std::string settings_error(std::string_view json) {
   auto r = read_settings(json);
   REQUIRE_FALSE(r.ok());
   CHECK(r.error().status == PORTIER_ERR_CONFIG);
   return r.error().message;
}

}  // namespace

TEST_CASE("without settings the console listens on 127.0.0.1:8080 over plain HTTP") {
   for (const char *json : {"{}", "null"}) {
      auto r = read_settings(json);
      REQUIRE(r.ok());
      CHECK(r.value().listen_host == "127.0.0.1");
      CHECK(r.value().listen_port == 8080);
      CHECK_FALSE(r.value().tls.has_value());
      CHECK(r.value().root.empty());
      CHECK(r.value().limits.connections == 256);
   }
}

TEST_CASE("every setting is read: listen, tls, root and the limits") {
   auto r = read_settings(R"({"listen":"[::1]:8443","tls":{"certificate":"/etc/p/cert.pem","key":"/etc/p/key.pem"},
      "root":"/srv/console","limits":{"header_bytes":4096,"body_bytes":0,"message_bytes":2048,"connections":10,
      "queued_messages":32}})");
   REQUIRE(r.ok());
   const auto &s = r.value();
   CHECK(s.listen_host == "::1");
   CHECK(s.listen_port == 8443);
   REQUIRE(s.tls.has_value());
   CHECK(s.tls->certificate == "/etc/p/cert.pem");
   CHECK(s.tls->key == "/etc/p/key.pem");
   CHECK(s.root == "/srv/console");
   CHECK(s.limits.header_bytes == 4096);
   CHECK(s.limits.body_bytes == 0);
   CHECK(s.limits.message_bytes == 2048);
   CHECK(s.limits.connections == 10);
   CHECK(s.limits.queued_messages == 32);
   CHECK(portier::web::describe_listen(s, 8443) == "https://[::1]:8443");
}

TEST_CASE("a misspelled key is reported with a did-you-mean") {
   CHECK_THAT(settings_error(R"({"lisen":"127.0.0.1:80"})"),
              Catch::Contains("settings: unknown key 'lisen' (did you mean 'listen'?)"));
   CHECK_THAT(settings_error(R"({"limits":{"conections":5}})"),
              Catch::Contains("settings.limits: unknown key 'conections' (did you mean 'connections'?)"));
   CHECK_THAT(settings_error(R"({"zzz":1})"), Catch::Contains("expected: listen, tls, root, limits"));
}

TEST_CASE("a listen address that is not ADDRESS:PORT names the key and an example") {
   for (const char *bad : {R"({"listen":"localhost:8080"})", R"({"listen":"127.0.0.1"})",
                           R"({"listen":"127.0.0.1:65536"})", R"({"listen":"1.2.3:80"})", R"({"listen":"[::1]8080"})"}) {
      CAPTURE(bad);
      CHECK_THAT(settings_error(bad), Catch::Contains("settings.listen: '") && Catch::Contains("e.g. \"127.0.0.1:8080\""));
   }
   CHECK_THAT(settings_error(R"({"listen":8080})"), Catch::Contains("settings.listen: expected a string, got a number"));
}

TEST_CASE("port 0 asks the system for any free port") {
   auto r = read_settings(R"({"listen":"127.0.0.1:0"})");
   REQUIRE(r.ok());
   CHECK(r.value().listen_port == 0);
}

TEST_CASE("tls needs both a certificate and a key") {
   CHECK_THAT(settings_error(R"({"tls":{"certificate":"/c.pem"}})"),
              Catch::Contains("settings.tls.key: required (a PEM file) when tls is set"));
   CHECK_THAT(settings_error(R"({"tls":"yes"})"), Catch::Contains("settings.tls: expected a mapping"));
}

TEST_CASE("a limit out of its range names the key and the range") {
   CHECK_THAT(settings_error(R"({"limits":{"connections":0}})"),
              Catch::Contains("settings.limits.connections: 0 is out of range 1..100000"));
   CHECK_THAT(settings_error(R"({"limits":{"message_bytes":1.5}})"),
              Catch::Contains("settings.limits.message_bytes: expected an integer, got 1.5"));
   CHECK_THAT(settings_error(R"({"limits":{"header_bytes":18446744073709551615}})"),
              Catch::Contains("settings.limits.header_bytes: 18446744073709551615 is out of range"));
}

TEST_CASE("a relative root is refused: relative to what") {
   CHECK_THAT(settings_error(R"({"root":"console/dist"})"),
              Catch::Contains("settings.root: 'console/dist' must be an absolute path"));
}

TEST_CASE("settings that are not a JSON object, or nest absurdly deep, are refused without a crash") {
   CHECK_THAT(settings_error("not json"), Catch::Contains("settings: not JSON"));
   CHECK_THAT(settings_error("[1]"), Catch::Contains("settings: expected a mapping, got a list"));
   CHECK_THAT(settings_error(std::string(10000, '[') + std::string(10000, ']')), Catch::Contains("nested deeper"));
}

TEST_CASE("every problem is reported at once") {
   const std::string message = settings_error(R"({"listen":"x","root":"rel","limits":{"connections":-1}})");
   CHECK_THAT(message, Catch::Contains("settings.listen") && Catch::Contains("settings.root") &&
                           Catch::Contains("settings.limits.connections"));
}

TEST_CASE("sessions default to 480 idle minutes, 12 hours in all and 8 per account") {
   auto r = read_settings("{}");
   REQUIRE(r.ok());
   CHECK(r.value().sessions.idle_minutes == 480);
   CHECK(r.value().sessions.max_hours == 12);
   CHECK(r.value().sessions.per_account == 8);
   auto set = read_settings(R"({"sessions":{"idle_minutes":30,"max_hours":2,"per_account":1}})");
   REQUIRE(set.ok());
   CHECK(set.value().sessions.idle_minutes == 30);
   CHECK(set.value().sessions.max_hours == 2);
   CHECK(set.value().sessions.per_account == 1);
}

TEST_CASE("a session setting out of range or misspelled names its key") {
   CHECK_THAT(settings_error(R"({"sessions":{"idle_minutes":0}})"),
              Catch::Contains("settings.sessions.idle_minutes: 0 is out of range 1..10080"));
   CHECK_THAT(settings_error(R"({"sessions":{"per_account":65}})"), Catch::Contains("settings.sessions.per_account"));
   CHECK_THAT(settings_error(R"({"sessions":{"max_hour":3}})"), Catch::Contains("max_hours"));
   CHECK_THAT(settings_error(R"({"sessions":"long"})"), Catch::Contains("settings.sessions: expected a mapping"));
   CHECK_THAT(settings_error(R"({"session":{}})"), Catch::Contains("sessions"));
}
