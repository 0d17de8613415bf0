// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>

#include "engine/api/client_api.h"
#include "engine/runtime/sim_timers.h"
#include "api_rig.h"

using namespace portier::engine;
using nlohmann::json;

namespace {

using Rig = test::ApiRig;
using test::kPilot;

}  // namespace

TEST_CASE("log_on answers ok, and a second log_on of the same attendant says already_logged_on") {
   Rig rig;
   CHECK(rig.log_on("anna", true) == json{{"type", "answer"}, {"ok", true}});
   const json again = rig.log_on("anna", true);
   CHECK(again["ok"] == false);
   CHECK(again["error"] == "already_logged_on");
   CHECK(again["message"] == "already_logged_on: anna");
}

TEST_CASE("a command with a missing or mistyped field is refused as invalid and names the field") {
   Rig rig;
   const json missing = rig.command({{"type", "log_on"}, {"device", "+49897007100"}});
   CHECK(missing["error"] == "invalid");
   CHECK(missing["message"] == "log_on: 'attendant' is required");
   const json mistyped = rig.command({{"type", "log_on"}, {"attendant", "anna"}, {"device", "+49897007100"}, {"pilots", {kPilot, 7}}});
   CHECK(mistyped["message"] == "log_on: 'pilots'[1] must be a string");
   const json flag = rig.command({{"type", "set_available"}, {"attendant", "anna"}, {"available", "yes"}});
   CHECK(flag["message"] == "set_available: 'available' must be true or false");
   CHECK(rig.engine.find_attendant("anna") == nullptr);  // nothing half-done
}

TEST_CASE("an unknown command type and a message without a type are refused with what is wrong") {
   Rig rig;
   CHECK(rig.command({{"type", "dance"}})["message"] == "unknown command type 'dance'");
   CHECK(rig.command({{"attendant", "anna"}})["message"] == "a command needs a string 'type'");
   CHECK(rig.command(json::array())["message"] == "a command is a JSON object");
}

TEST_CASE("engine events reach front ends as JSON events with their fields") {
   Rig rig;
   REQUIRE(rig.log_on("anna", true)["ok"] == true);
   rig.incoming("c1", "+4930901820");
   rig.timers.advance(1000);  // the ring time: answered and queued, then offered to anna
   REQUIRE(rig.saw("call_queued", "c1"));
   REQUIRE(rig.saw("call_offered", "c1"));
   for (const json &e : rig.events) {
      if (e["event"] == "call_queued") {
         CHECK(e["queue"] == kPilot);
         CHECK(e["personal"] == false);
      }
      if (e["event"] == "attendant_changed" && e["state"] == "offered") CHECK(e["call_id"] == "c1");
   }
   rig.engine.on_ended("c1", 0);  // the caller gives up while anna's phone rings
   bool ended = false;
   for (const json &e : rig.events)
      if (e["event"] == "call_ended") {
         ended = true;
         CHECK(e["reason"] == "abandoned");
         CHECK(e["waiting_ms"] == 1000);
      }
   CHECK(ended);
}

TEST_CASE("a snapshot shows waiting calls in queue order and every attendant with its state") {
   Rig rig;
   REQUIRE(rig.log_on("anna", false)["ok"] == true);
   rig.incoming("c1", "+4930901820");
   rig.timers.advance(500);
   rig.incoming("c2", "+494042841000");
   rig.timers.advance(1500);  // both answered and waiting: nobody is available
   const json answer = rig.command({{"type", "snapshot"}});
   REQUIRE(answer["ok"] == true);
   const json &snap = answer["snapshot"];
   REQUIRE(snap["calls"].size() == 2);
   CHECK(snap["calls"][0]["call_id"] == "c1");
   CHECK(snap["calls"][0]["phase"] == "waiting");
   CHECK(snap["calls"][0]["waiting_ms"] == 2000);
   REQUIRE(snap["queues"].size() == 1);
   CHECK(snap["queues"][0]["queue"] == kPilot);
   CHECK(snap["queues"][0]["calls"] == json{"c1", "c2"});
   REQUIRE(snap["attendants"].size() == 1);
   CHECK(snap["attendants"][0]["attendant"] == "anna");
   CHECK(snap["attendants"][0]["state"] == "unavailable");
   // Once anna is available the first call goes to her, and the snapshot says so.
   REQUIRE(rig.command({{"type", "set_available"}, {"attendant", "anna"}, {"available", true}})["ok"] == true);
   const json later = rig.command({{"type", "snapshot"}})["snapshot"];
   CHECK(later["attendants"][0]["state"] == "offered");
   CHECK(later["attendants"][0]["call_id"] == "c1");
   CHECK(later["queues"][0]["calls"] == json{"c2"});
}

TEST_CASE("hold puts the connected call into the processing queue, and the snapshot and events show it") {
   Rig rig;
   REQUIRE(rig.log_on("anna", true)["ok"] == true);
   rig.incoming("c1", "+4930901820");
   rig.timers.advance(1000);
   const auto legs = rig.trunk.of("place_call");
   REQUIRE(legs.size() == 1);
   rig.engine.on_answered(legs[0].call_id);  // anna answers her phone
   rig.engine.on_connected("c1", legs[0].call_id);
   REQUIRE(rig.saw("call_connected", "c1"));
   // Transfer needs a target; hold by someone else's name is refused with the reason.
   CHECK(rig.command({{"type", "transfer"}, {"attendant", "anna"}, {"call_id", "c1"}})["message"] ==
         "transfer: 'target' is required");
   CHECK(rig.command({{"type", "hold"}, {"attendant", "bert"}, {"call_id", "c1"}})["error"] == "unknown_attendant");
   CHECK(rig.command({{"type", "hold"}, {"attendant", "anna"}, {"call_id", "c1"}}) == json{{"type", "answer"}, {"ok", true}});
   bool held = false;
   for (const json &e : rig.events)
      if (e["event"] == "call_processing" && e["call_id"] == "c1") {
         held = true;
         CHECK(e["state"] == "held");
         CHECK(e["attendant"] == "anna");
      }
   CHECK(held);
   const json snap = rig.command({{"type", "snapshot"}})["snapshot"];
   REQUIRE(snap["processing"].size() == 1);
   CHECK(snap["processing"][0] == json{{"call_id", "c1"}, {"tenant", "DEFAULT"}, {"state", "held"}, {"attendant", "anna"}});
   CHECK(snap["calls"][0]["phase"] == "processing");
   // Acting on a call that does not exist names the problem.
   CHECK(rig.command({{"type", "retrieve"}, {"attendant", "anna"}, {"call_id", "nope"}})["error"] == "unknown_call");
}
