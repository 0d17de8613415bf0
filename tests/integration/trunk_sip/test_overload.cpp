// SPDX-License-Identifier: GPL-3.0-or-later
// The acceptance point on channels: 10 channels, ratio 3 -> 6 processing channels. The
// trunk reports its split and has no overload rule of its own: a call over the processing share
// is still offered, and the engine refuses it (reject) or redirects it (302) by the DDI entry's
// rule. Only a trunk with no channel at all refuses a call itself.
#include <memory>

#include <thread>

#include <catch2/catch.hpp>

#include "trunk_rig.h"
#include "trunk_settings.h"

using namespace trunktest;
using namespace std::chrono_literals;

namespace {

// `n` held calls: each offered to the engine, none answered or ended.
std::vector<std::unique_ptr<RawUa>> hold(Trunk &trunk, std::uint16_t port, int n) {
   std::vector<std::unique_ptr<RawUa>> held;
   for (int i = 0; i < n; ++i) {
      held.push_back(std::make_unique<RawUa>());
      held.back()->invite(port, "+498970071" + std::to_string(i));
      const auto count = static_cast<std::size_t>(i + 1);
      REQUIRE(trunk.wait([count](const Recorded &r) { return r.incoming.size() == count; }));
   }
   return held;
}

}  // namespace

TEST_CASE("with 10 channels and ratio 3 the sixth call raises the alert and the seventh is offered over the share") {
   Trunk trunk;
   TestSettings s;
   s.extra = pilots();
   trunk.start(s.json());
   auto held = hold(trunk, s.sip_port, 6);
   REQUIRE(trunk.wait([](const Recorded &r) { return !r.channels.empty() && r.channels.back().in_use == 6; }));
   CHECK(trunk.events().channels.back().total == 10);
   REQUIRE(!trunk.events().splits.empty());
   CHECK(trunk.events().splits.back().processing_in_use == 6);
   CHECK(trunk.events().splits.back().processing_total == 6);
   CHECK(trunk.events().splits.back().in_use == 6);
   CHECK(trunk.events().splits.back().total == 10);
   CHECK(trunk.plugin.host.logged("channel alert: 6 of 6"));
   RawUa seventh;
   seventh.invite(s.sip_port, "+4989700716");
   REQUIRE(trunk.wait([](const Recorded &r) { return r.incoming.size() == 7; }));
   REQUIRE(trunk.wait([](const Recorded &r) { return !r.splits.empty() && r.splits.back().processing_in_use == 7; }));
   CHECK(trunk.plugin.host.logged("goes to the engine for its DDI entry's overload rule"));
   // The engine's busy rule: 486 to the seventh; no held call is disturbed.
   portier_error err = PORTIER_ERROR_INIT;
   REQUIRE(trunk.api().reject(trunk.inst(), trunk.events().incoming.back().call_id, 486, 7, &err) == PORTIER_PENDING);
   const auto seen = seventh.statuses();
   REQUIRE(!seen.empty());
   CHECK(seen.back() == 486);
   seventh.ack();
   REQUIRE(trunk.wait([](const Recorded &r) { return !r.splits.empty() && r.splits.back().processing_in_use == 6; }));
   REQUIRE(trunk.calls_of(PORTIER_TRUNK_EV_ENDED).size() == 1);
   CHECK(trunk.events().incoming.size() == 7);
   REQUIRE(trunk.api().answer(trunk.inst(), trunk.events().incoming.front().call_id, 1, &err) == PORTIER_PENDING);
   std::vector<int> first;
   for (int round = 0; round < 3 && (first.empty() || first.back() != 200); ++round) {
      for (int st : held.front()->statuses(2s)) first.push_back(st);
   }
   REQUIRE(!first.empty());
   CHECK(first.back() == 200);
   held.front()->ack();
}

TEST_CASE("redirect answers an offered call 302 with the target at the provider as Contact, and ends it") {
   Trunk trunk;
   TestSettings s;
   s.extra = pilots();
   trunk.start(s.json());
   RawUa caller;
   caller.invite(s.sip_port, "+4989700716");
   REQUIRE(trunk.wait([](const Recorded &r) { return r.incoming.size() == 1; }));
   const std::string id = trunk.events().incoming.front().call_id;
   portier_error err = PORTIER_ERROR_INIT;
   REQUIRE(trunk.api().redirect != nullptr);
   REQUIRE(trunk.api().redirect(trunk.inst(), id.c_str(), "+4989700555", 9, &err) == PORTIER_PENDING);
   const auto seen = caller.statuses();
   REQUIRE(!seen.empty());
   CHECK(seen.back() == 302);
   CHECK(caller.last_final().find("Contact: <sip:+4989700555@127.0.0.1:" + std::to_string(s.registrar_port) + ">") !=
         std::string::npos);
   caller.ack();
   REQUIRE(trunk.wait([](const Recorded &r) { return !r.results.empty(); }));
   CHECK(trunk.events().results.back().status == PORTIER_OK);
   const auto ended = trunk.calls_of(PORTIER_TRUNK_EV_ENDED);
   REQUIRE(ended.size() == 1);
   CHECK(ended[0].value == 302);
   // A second redirect of the same call finds it gone.
   REQUIRE(trunk.api().redirect(trunk.inst(), id.c_str(), "+4989700555", 10, &err) == PORTIER_PENDING);
   REQUIRE(trunk.wait([](const Recorded &r) { return r.results.size() == 2; }));
   CHECK(trunk.events().results.back().status == PORTIER_ERR_NOT_FOUND);
}

TEST_CASE("redirect refuses a target that is not an E.164 number at once") {
   Trunk trunk;
   TestSettings s;
   s.extra = pilots();
   trunk.start(s.json());
   portier_error err = PORTIER_ERROR_INIT;
   CHECK(trunk.api().redirect(trunk.inst(), "in-1", "089700555", 1, &err) == PORTIER_ERR_INVALID);
   CHECK(trunk.api().redirect(trunk.inst(), "in-1", "+49@evil", 2, &err) == PORTIER_ERR_INVALID);
   CHECK(trunk.api().redirect(trunk.inst(), "in-1", nullptr, 3, &err) == PORTIER_ERR_INVALID);
}

TEST_CASE("with no channel left at all the trunk refuses a new call itself with 486") {
   Trunk trunk;
   TestSettings s;
   s.extra = pilots();
   // 4 channels with ratio 1: 1 processing, 3 operational; four callers fill them all.
   std::string json = s.json();
   const std::string usual = "\"channels\":10,\"ratio\":3";
   REQUIRE(json.find(usual) != std::string::npos);
   json.replace(json.find(usual), usual.size(), "\"channels\":4,\"ratio\":1");
   trunk.start(json);
   auto held = hold(trunk, s.sip_port, 4);
   RawUa fifth;
   fifth.invite(s.sip_port, "+4989700716");
   const auto seen = fifth.statuses();
   REQUIRE(!seen.empty());
   CHECK(seen.back() == 486);
   fifth.ack();
   CHECK(trunk.events().incoming.size() == 4);
   CHECK(trunk.plugin.host.logged("no free channel for a call to +4989700716"));
}
