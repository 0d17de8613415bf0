// SPDX-License-Identifier: GPL-3.0-or-later
// presence.teams's settings: defaults, both token flows, and each problem named by its key.
#include <string>
#include <string_view>

#include <catch2/catch.hpp>

#include "teams_settings.h"

using namespace portier::teams;
using Catch::Matchers::Contains;

namespace {

TeamsSettings settings_of(const std::string &json) {
   auto s = parse_teams_settings(json);
   INFO(s.message());
   REQUIRE(s.ok());
   return s.value();
}

std::string settings_failure(const std::string &json) {
   auto s = parse_teams_settings(json);
   REQUIRE_FALSE(s.ok());
   CHECK(s.status() == PORTIER_ERR_CONFIG);
   return s.message();
}

const std::string kApp = R"("tenant_id":"contoso.onmicrosoft.com","client_id":"7d1c0a55","client_secret":"teams_secret")";

}  // namespace

TEST_CASE("client credentials need tenant, client id and the client secret's name - the rest has defaults") {
   const TeamsSettings s = settings_of("{" + kApp + "}");
   CHECK(s.auth_flow == AuthFlow::client_credentials);
   CHECK(s.client_secret == "teams_secret");
   CHECK(s.login_url == "https://login.microsoftonline.com");
   CHECK(s.graph_url == "https://graph.microsoft.com/v1.0");
   CHECK(s.poll_interval_seconds == 10);
   CHECK(s.budget_requests_per_30s == 1500);
   CHECK(s.verify_tls);
   CHECK(s.proxy.empty());
   CHECK(s.email_lookup == EmailLookup::upn);
}

TEST_CASE("a missing tenant, client id or secret is named") {
   const std::string m = settings_failure("{}");
   CHECK_THAT(m, Contains("settings.tenant_id: is required"));
   CHECK_THAT(m, Contains("settings.client_id: is required"));
   CHECK_THAT(m, Contains("settings.client_secret: is required"));
}

TEST_CASE("the password flow needs a user and the password's secret name") {
   const std::string m = settings_failure(R"({"tenant_id":"t1","client_id":"c","auth_flow":"password"})");
   CHECK_THAT(m, Contains("settings.user: is required"));
   CHECK_THAT(m, Contains("settings.password_secret: is required"));
   const TeamsSettings s = settings_of(
       R"({"tenant_id":"t1","client_id":"c","auth_flow":"password","user":"svc@example.org","password_secret":"teams_password"})");
   CHECK(s.auth_flow == AuthFlow::password);
   CHECK(s.client_secret.empty());
}

TEST_CASE("a secret value where a secret name belongs is refused") {
   CHECK_THAT(settings_failure(R"({"tenant_id":"t","client_id":"c","client_secret":"Abc~123!x"})"),
              Contains("settings.client_secret: a secret's name"));
}

TEST_CASE("common and consumers are refused as tenants") {
   CHECK_THAT(settings_failure(R"({"tenant_id":"common","client_id":"c","client_secret":"s"})"),
              Contains("settings.tenant_id: name the tenant itself"));
}

TEST_CASE("proxy URL and port become one proxy address - a port alone is refused") {
   CHECK(settings_of("{" + kApp + R"(,"proxy_url":"proxy.example.org","proxy_port":3128})").proxy ==
         "http://proxy.example.org:3128");
   CHECK_THAT(settings_failure("{" + kApp + R"(,"proxy_port":3128})"), Contains("settings.proxy_port: needs proxy_url"));
}

TEST_CASE("graph and login URLs may point at a mock or a national cloud - trailing slashes go") {
   const TeamsSettings s =
       settings_of("{" + kApp + R"(,"graph_url":"http://127.0.0.1:9/v1.0/","login_url":"https://login.microsoftonline.us"})");
   CHECK(s.graph_url == "http://127.0.0.1:9/v1.0");
   CHECK(s.login_url == "https://login.microsoftonline.us");
   CHECK_THAT(settings_failure("{" + kApp + R"(,"graph_url":"ftp://x"})"), Contains("settings.graph_url"));
}

TEST_CASE("the notification URL must be public https") {
   CHECK_THAT(settings_failure("{" + kApp + R"(,"notification_url":"http://console.example.org/hook"})"),
              Contains("settings.notification_url"));
}

TEST_CASE("tls.verify false is accepted only as written - unknown keys get a suggestion") {
   CHECK_FALSE(settings_of("{" + kApp + R"(,"tls":{"verify":false,"ca_file":"/etc/ca.pem"}})").verify_tls);
   CHECK_THAT(settings_failure("{" + kApp + R"(,"poll_intervall_seconds":5})"), Contains("poll_interval_seconds"));
}

TEST_CASE("the old key name client_secret_secret is read, with a warning naming client_secret") {
   const TeamsSettings s =
       settings_of(R"({"tenant_id":"t1","client_id":"c","client_secret_secret":"teams_secret"})");
   CHECK(s.client_secret == "teams_secret");
   REQUIRE(s.warnings.size() == 1);
   CHECK_THAT(s.warnings[0], Contains("settings.client_secret_secret") && Contains("rename it to client_secret"));
   CHECK(settings_of("{" + kApp + "}").warnings.empty());
   CHECK_THAT(settings_failure("{" + kApp + R"(,"client_secret_secret":"teams_secret"})"),
              Contains("settings.client_secret_secret: is the old name of client_secret"));
}
