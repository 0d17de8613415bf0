// SPDX-License-Identifier: GPL-3.0-or-later
// presence.uc's settings: defaults, every key read, and each problem named by its key.
#include <string>
#include <string_view>

#include <catch2/catch.hpp>

#include "uc_settings.h"

using namespace portier::uc;
using Catch::Matchers::Contains;

namespace {

UcSettings settings_of(std::string_view json) {
   auto s = parse_uc_settings(json);
   INFO(s.message());
   REQUIRE(s.ok());
   return s.value();
}

std::string settings_failure(std::string_view json) {
   auto s = parse_uc_settings(json);
   REQUIRE_FALSE(s.ok());
   CHECK(s.status() == PORTIER_ERR_CONFIG);
   return s.message();
}

const std::string kMinimal =
    R"("server":"uc.example.com","domain":"uc.example.com","user":"attendant","password_secret":"uc_password")";

}  // namespace

TEST_CASE("the minimal settings connect with STARTTLS and verification on port 5222") {
   const UcSettings s = settings_of("{" + kMinimal + "}");
   CHECK(s.server == "uc.example.com");
   CHECK(s.port == 5222);
   CHECK(s.account_jid() == "attendant@uc.example.com");
   CHECK(s.resource == "portier");
   CHECK(s.tls.mode == TlsMode::starttls);
   CHECK(s.tls.verify);
   CHECK(s.tls.ca_file.empty());
   CHECK(s.jid_template == "{extension}@{domain}");
   CHECK(s.email_jid == EmailJid::address);
   CHECK(s.request_subscription);
   CHECK(s.reconnect_min_seconds == 1);
   CHECK(s.reconnect_max_seconds == 60);
}

TEST_CASE("every key is read") {
   const UcSettings s = settings_of(
       R"({"server":"127.0.0.1","port":5290,"domain":"uc.test","user":"console@uc.test","password_secret":"p",)"
       R"("resource":"att1","version":"V10","jid_template":"{extension}@phones.{domain}","email_jid":"local",)"
       R"("request_subscription":false,"reconnect_min_seconds":2,"reconnect_max_seconds":30,"keepalive_seconds":20,)"
       R"("tls":{"mode":"starttls","ca_file":"/etc/ssl/uc-ca.pem","verify":true}})");
   CHECK(s.port == 5290);
   CHECK(s.account_jid() == "console@uc.test");
   CHECK(s.resource == "att1");
   CHECK(s.version == "V10");
   CHECK(s.jid_template == "{extension}@phones.{domain}");
   CHECK(s.email_jid == EmailJid::local);
   CHECK_FALSE(s.request_subscription);
   CHECK(s.reconnect_min_seconds == 2);
   CHECK(s.reconnect_max_seconds == 30);
   CHECK(s.keepalive_seconds == 20);
   CHECK(s.tls.ca_file == "/etc/ssl/uc-ca.pem");
}

TEST_CASE("plain TCP only when tls.mode none is written") {
   CHECK(settings_of("{" + kMinimal + R"(,"tls":{"mode":"none"}})").tls.mode == TlsMode::none);
   CHECK_THAT(settings_failure("{" + kMinimal + R"(,"tls":{"mode":"plain"}})"), Contains("settings.tls.mode"));
   CHECK_THAT(settings_failure("{" + kMinimal + R"(,"tls":{"mode":"none","verify":false}})"),
              Contains("settings.tls: ca_file and verify apply to starttls"));
}

TEST_CASE("missing required keys are each named") {
   const std::string m = settings_failure("{}");
   CHECK_THAT(m, Contains("settings.server: is required"));
   CHECK_THAT(m, Contains("settings.domain: is required"));
   CHECK_THAT(m, Contains("settings.user: is required"));
   CHECK_THAT(m, Contains("settings.password_secret: is required"));
}

TEST_CASE("wrong values are refused with their key") {
   CHECK_THAT(settings_failure("{" + kMinimal + R"(,"port":0})"), Contains("settings.port"));
   CHECK_THAT(settings_failure(R"({"server":"xmpp://uc","domain":"d","user":"u","password_secret":"p"})"),
              Contains("settings.server"));
   CHECK_THAT(settings_failure("{" + kMinimal + R"(,"jid_template":"{ext}@uc"})"), Contains("settings.jid_template"));
   CHECK_THAT(settings_failure("{" + kMinimal + R"(,"email_jid":"upn"})"), Contains("settings.email_jid"));
   CHECK_THAT(settings_failure(R"({"server":"s","domain":"d","user":"u","password_secret":"Secret Pa55"})"),
              Contains("settings.password_secret: a secret's name"));
   CHECK_THAT(settings_failure("{" + kMinimal + R"(,"reconnect_min_seconds":10,"reconnect_max_seconds":5})"),
              Contains("settings.reconnect_max_seconds"));
   CHECK_THAT(settings_failure("{" + kMinimal + R"(,"tls":{"ca_file":"relative.pem"}})"), Contains("settings.tls.ca_file"));
   CHECK_THAT(settings_failure("{" + kMinimal + R"(,"user":"a@b/res"})"), Contains("settings.user"));
}

TEST_CASE("an unknown key is refused with a suggestion") {
   CHECK_THAT(settings_failure("{" + kMinimal + R"(,"jid_templat":"{extension}@x"})"), Contains("jid_template"));
}
