// SPDX-License-Identifier: GPL-3.0-or-later
// Registration against SIPp's registrar.xml: digest challenge, answer, 200 -> running.
#include <thread>

#include <catch2/catch.hpp>

#include "trunk_rig.h"
#include "trunk_settings.h"

using namespace trunktest;
using namespace std::chrono_literals;

TEST_CASE("the trunk answers the registrar's digest challenge and reports running once registered") {
   TestSettings s;
   s.extra = pilots();
   Sipp registrar({"-sf", scenario("registrar.xml"), "-i", "127.0.0.1", "-p", std::to_string(s.registrar_port),
                   "-m", "1", "-timeout", "30s", "-set", "expires_s", "305"});
   std::this_thread::sleep_for(300ms);  // SIPp binds its port
   Trunk trunk;
   trunk.start(s.json());
   // Limited until the registrar's 200: the first state it reports. (Read afterwards, the current
   // state could already be running: on loopback the challenge and the 200 can come within start.)
   const auto states = trunk.plugin.host.states();
   REQUIRE_FALSE(states.empty());
   CHECK(states.front().first == PORTIER_STATE_LIMITED);
   REQUIRE(trunk.wait([&](const Recorded &) { return trunk.state() == PORTIER_STATE_RUNNING; }, 10s));
   // Running says where and as whom: the registrar that holds the binding.
   CHECK(trunk.reason().rfind("registered at 127.0.0.1:" + std::to_string(s.registrar_port) + " as ", 0) == 0);
}

TEST_CASE("a registrar that refuses the credentials keeps the trunk limited with the reason") {
   TestSettings s;
   s.extra = pilots() + ",\"auth_user\":\"intruder\"";
   Sipp registrar({"-sf", scenario("registrar.xml"), "-i", "127.0.0.1", "-p", std::to_string(s.registrar_port),
                   "-m", "1", "-timeout", "30s"});
   std::this_thread::sleep_for(300ms);
   Trunk trunk;
   trunk.start(s.json());
   REQUIRE(trunk.wait([&](const Recorded &) { return trunk.reason().find("403") != std::string::npos; }, 10s));
   CHECK(trunk.state() == PORTIER_STATE_LIMITED);
   CHECK(trunk.reason().rfind("not registered: ", 0) == 0);
}
