// SPDX-License-Identifier: GPL-3.0-or-later
// presence.circuit's settings: the manual's fields, defaults, and each problem named by its key.
#include <string>

#include <catch2/catch.hpp>

#include "circuit_settings.h"

using namespace portier::circuit;
using Catch::Matchers::Contains;

namespace {

CircuitSettings settings_of(const std::string &json) {
   auto s = parse_circuit_settings(json);
   INFO(s.message());
   REQUIRE(s.ok());
   return s.value();
}

std::string settings_failure(const std::string &json) {
   auto s = parse_circuit_settings(json);
   REQUIRE_FALSE(s.ok());
   CHECK(s.status() == PORTIER_ERR_CONFIG);
   return s.message();
}

const std::string kBot = R"("client_id":"b0t-41","client_secret":"circuit_secret")";

}  // namespace

TEST_CASE("the Circuit domain of the manual becomes an https server URL, with the documented defaults") {
   const CircuitSettings s = settings_of(R"({"domain":"eu.yourcircuit.com",)" + kBot + "}");
   CHECK(s.server_url == "https://eu.yourcircuit.com");
   CHECK(s.client_id == "b0t-41");
   CHECK(s.client_secret == "circuit_secret");
   CHECK(s.scope == "READ_USER_PROFILE,READ_USER");
   CHECK(s.batch_size == 100);
   CHECK(s.poll_interval_seconds == 10);
   CHECK(s.requests_per_minute == 120);
   CHECK(s.verify_tls);
   CHECK(s.proxy.empty());
   CHECK(s.push);
   CHECK(s.push_poll_interval_seconds == 300);
}

TEST_CASE("the event channel can be switched off and its safety-net interval set") {
   const CircuitSettings s =
       settings_of(R"({"domain":"eu.yourcircuit.com","push":false,"push_poll_interval_seconds":60,)" + kBot + "}");
   CHECK_FALSE(s.push);
   CHECK(s.push_poll_interval_seconds == 60);
   CHECK_THAT(settings_failure(R"({"domain":"eu.yourcircuit.com","push":"yes",)" + kBot + "}"), Contains("settings.push"));
}

TEST_CASE("server_url replaces the domain for a mock or a non-standard host, without a trailing slash") {
   const CircuitSettings s = settings_of(R"({"server_url":"http://127.0.0.1:9443/",)" + kBot + "}");
   CHECK(s.server_url == "http://127.0.0.1:9443");
}

TEST_CASE("proxy URL and port combine into one proxy") {
   const CircuitSettings s =
       settings_of(R"({"domain":"circuitsandbox.net","proxy_url":"proxy.example.org","proxy_port":3128,)" + kBot + "}");
   CHECK(s.proxy == "http://proxy.example.org:3128");
}

TEST_CASE("a missing domain, client id or secret name is a problem named by its key") {
   const std::string m = settings_failure("{}");
   CHECK_THAT(m, Contains("settings.domain"));
   CHECK_THAT(m, Contains("settings.client_id"));
   CHECK_THAT(m, Contains("settings.client_secret"));
}

TEST_CASE("domain and server_url together are refused") {
   CHECK_THAT(settings_failure(R"({"domain":"eu.yourcircuit.com","server_url":"https://x.example",)" + kBot + "}"),
              Contains("settings.server_url"));
}

TEST_CASE("a secret written where its name belongs is refused") {
   CHECK_THAT(settings_failure(R"({"domain":"eu.yourcircuit.com","client_id":"b","client_secret":"Pa ss!"})"),
              Contains("settings.client_secret"));
}

TEST_CASE("a batch size over 500 and an unknown key are problems") {
   const std::string m = settings_failure(R"({"domain":"eu.yourcircuit.com","batch_size":900,"data_chanel_port":9025,)" + kBot + "}");
   CHECK_THAT(m, Contains("settings.batch_size"));
   CHECK_THAT(m, Contains("data_chanel_port"));
}

TEST_CASE("a proxy port without a proxy URL is a problem") {
   CHECK_THAT(settings_failure(R"({"domain":"eu.yourcircuit.com","proxy_port":8080,)" + kBot + "}"),
              Contains("settings.proxy_port"));
}

TEST_CASE("the old key name client_secret_secret is read, with a warning naming client_secret") {
   const CircuitSettings s =
       settings_of(R"({"domain":"eu.yourcircuit.com","client_id":"b0t-41","client_secret_secret":"circuit_secret"})");
   CHECK(s.client_secret == "circuit_secret");
   REQUIRE(s.warnings.size() == 1);
   CHECK_THAT(s.warnings[0], Contains("settings.client_secret_secret") && Contains("rename it to client_secret"));
   CHECK(settings_of(R"({"domain":"eu.yourcircuit.com",)" + kBot + "}").warnings.empty());
}
