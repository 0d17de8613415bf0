// SPDX-License-Identifier: GPL-3.0-or-later
#include <string>

#include <catch2/catch.hpp>

#include "config.h"

using namespace portier::osv;

namespace {
std::string problems_of(const std::string &json) {
   auto c = read_config(json);
   return c.ok() ? std::string() : c.error().message;
}
}  // namespace

TEST_CASE("a domain with a DNS server selects geo-separated nodes through DNS SRV") {
   auto c = read_config(R"({"domain":"osvcluster.com","dns_server":"127.0.0.1:5353","connect_timeout_ms":2000})");
   REQUIRE(c.ok());
   CHECK(c.value().domain == "osvcluster.com");
   CHECK(c.value().dns_server == "127.0.0.1:5353");
   CHECK(c.value().srv_name == "HiPath8000CSTASM._tcp");
   CHECK(c.value().connect_timeout_ms == 2000);
}

TEST_CASE("host and domain together are refused, and so is port with a domain") {
   CHECK(problems_of(R"({"domain":"osv.test","host":"127.0.0.9"})").find("either host (and port) or domain") !=
         std::string::npos);
   CHECK(problems_of(R"({"domain":"osv.test","port":1040})").find("comes from the SRV records") != std::string::npos);
}

TEST_CASE("dns_server without a domain, or not an address, is refused") {
   CHECK(problems_of(R"({"dns_server":"127.0.0.1"})").find("only used together with domain") != std::string::npos);
   CHECK(problems_of(R"({"domain":"osv.test","dns_server":"dns.example.com"})").find("expected an IP address") !=
         std::string::npos);
   CHECK(problems_of(R"({"domain":"osv test"})").find("not a valid DNS name") != std::string::npos);
}

TEST_CASE("the application session is off by default and takes an id and a duration") {
   auto plain = read_config("{}");
   REQUIRE(plain.ok());
   CHECK(!plain.value().application_session);
   CHECK(plain.value().application_id == "Portier");
   CHECK(plain.value().session_duration_s == 600);
   auto on = read_config(R"({"application_session":true,"application_id":"Concierge","session_duration_s":120})");
   REQUIRE(on.ok());
   CHECK(on.value().application_session);
   CHECK(on.value().application_id == "Concierge");
   CHECK(on.value().session_duration_s == 120);
   CHECK(problems_of(R"({"session_duration_s":5})").find("session_duration_s") != std::string::npos);
}
