// SPDX-License-Identifier: GPL-3.0-or-later
// hang_up, return_to_queue and dial through the client API, on the simulated clock.
#include <catch2/catch.hpp>

#include <string>
#include <utility>
#include <vector>

#include "tenant_rig.h"

using namespace portier::engine;
using nlohmann::json;

namespace {


using test::kAcme;
using test::kAcmePilot;
using test::kPilot;

const json kOk{{"type", "answer"}, {"ok", true}};

json act(test::TenantRig &rig, const char *type, const std::string &attendant, const std::string &call) {
   return rig.command({{"type", type}, {"attendant", attendant}, {"call_id", call}});
}

std::size_t hangups_of(const test::TenantRig &rig, const std::string &id) { return rig.trunk.of("hangup", id).size(); }

// A PBX link that can make calls, remembering each.
struct DialingPbx final : PbxPort {
   std::vector<std::pair<std::string, std::string>> calls;
   void set_forwarding(std::string_view, std::string_view) override {}
   void clear_forwarding(std::string_view) override {}
   bool make_call(std::string_view device, std::string_view number) override {
      calls.emplace_back(device, number);
      return true;
   }
};

// One that cannot (the PbxPort default).
struct PlainPbx final : PbxPort {
   void set_forwarding(std::string_view, std::string_view) override {}
   void clear_forwarding(std::string_view) override {}
};

}  // namespace

TEST_CASE("hang_up of the connected call hangs up caller and leg, ends it as released and frees the attendant") {
   test::TenantRig rig;
   REQUIRE(rig.log_on("anna", true)["ok"] == true);
   rig.incoming("c1", "+4930901820");
   rig.connect("c1");
   const std::string leg = rig.trunk.legs_for("c1")[0].call_id;
   CHECK(act(rig, "hang_up", "anna", "c1") == kOk);
   CHECK(hangups_of(rig, "c1") == 1);
   CHECK(hangups_of(rig, leg) == 1);
   const json ended = rig.last("call_ended");
   CHECK(ended["reason"] == "released");
   CHECK(ended["attendant"] == "anna");
   CHECK(ended["tenant"] == "DEFAULT");
   CHECK(rig.engine.find_call("c1") == nullptr);
   CHECK(rig.last("attendant_changed")["state"] == "available");
   CHECK(rig.engine.audit().empty());
}

TEST_CASE("hang_up of a held call by another attendant of the tenant ends it, and refused to another tenant's attendant") {
   test::TenantRig rig;
   REQUIRE(rig.log_on("anna", true)["ok"] == true);
   rig.incoming("c1", "+4930901820");
   rig.connect("c1");
   REQUIRE(act(rig, "hold", "anna", "c1") == kOk);
   REQUIRE(rig.command({{"type", "log_on"}, {"attendant", "carl"}, {"device", "+49897007101"}})["ok"] == true);
   REQUIRE(rig.log_on_in("bert", kAcme, kAcmePilot, "+49897007200", false)["ok"] == true);
   CHECK(act(rig, "hang_up", "bert", "c1")["error"] == "not_assigned");
   CHECK(rig.engine.find_call("c1") != nullptr);
   CHECK(act(rig, "hang_up", "carl", "c1") == kOk);
   CHECK(hangups_of(rig, "c1") == 1);
   CHECK(rig.last("call_ended")["reason"] == "released");
   CHECK(rig.last("call_ended")["attendant"] == "carl");
   CHECK(rig.engine.processing_queue("DEFAULT").empty());
}

TEST_CASE("hang_up of a call that only waits in the queue is refused as not_connected") {
   test::TenantRig rig;
   REQUIRE(rig.log_on("anna", false)["ok"] == true);
   rig.incoming("c1", "+4930901820");
   rig.timers.advance(1000);
   CHECK(act(rig, "hang_up", "anna", "c1")["error"] == "not_connected");
   CHECK(act(rig, "hang_up", "anna", "nope")["error"] == "unknown_call");
   CHECK(act(rig, "hang_up", "zed", "c1")["error"] == "unknown_attendant");
   CHECK(rig.command({{"type", "hang_up"}, {"attendant", "anna"}})["message"] == "hang_up: 'call_id' is required");
   CHECK(hangups_of(rig, "c1") == 0);
}

TEST_CASE("return_to_queue puts a connected call back at its old place, ahead of later callers") {
   test::TenantRig rig;
   REQUIRE(rig.log_on("anna", true)["ok"] == true);
   rig.incoming("c1", "+4930901820");
   rig.connect("c1");
   const std::string leg = rig.trunk.legs_for("c1")[0].call_id;
   REQUIRE(rig.command({{"type", "set_available"}, {"attendant", "anna"}, {"available", false}})["ok"] == true);
   rig.incoming("c2", "+494042841000");
   rig.timers.advance(1000);  // c2 waits: anna is not available
   CHECK(act(rig, "return_to_queue", "anna", "c1") == kOk);
   CHECK(hangups_of(rig, leg) == 1);   // anna's leg ends
   CHECK(hangups_of(rig, "c1") == 0);  // the caller stays, with music
   const json queued = rig.last("call_queued");
   CHECK(queued["call_id"] == "c1");
   CHECK(queued["returned"] == true);
   CHECK(rig.engine.queue_order(kPilot, false) == std::vector<std::string>{"c1", "c2"});
   CHECK(rig.engine.find_call("c1")->phase == CallPhase::waiting);
   CHECK(rig.engine.audit().empty());
}

TEST_CASE("return_to_queue takes a held call out of the processing queue back to its queue") {
   test::TenantRig rig;
   REQUIRE(rig.log_on("anna", true)["ok"] == true);
   rig.incoming("c1", "+4930901820");
   rig.connect("c1");
   REQUIRE(act(rig, "hold", "anna", "c1") == kOk);
   REQUIRE(rig.command({{"type", "set_available"}, {"attendant", "anna"}, {"available", false}})["ok"] == true);
   CHECK(act(rig, "return_to_queue", "anna", "c1") == kOk);
   CHECK(rig.engine.processing_queue("DEFAULT").empty());
   CHECK(rig.engine.queue_order(kPilot, false) == std::vector<std::string>{"c1"});
   CHECK(rig.last("call_queued")["returned"] == true);
   CHECK(act(rig, "return_to_queue", "anna", "c1")["error"] == "not_connected");  // it only waits now
   CHECK(rig.engine.audit().empty());
}

TEST_CASE("dial asks the PBX to call the target from the attendant's phone, and is unsupported without one") {
   test::TenantRig rig;
   REQUIRE(rig.log_on("anna", false)["ok"] == true);
   const json dial{{"type", "dial"}, {"attendant", "anna"}, {"target", "+4930555"}};
   CHECK(rig.command(dial)["error"] == "unsupported");
   PlainPbx plain;
   rig.engine.set_pbx(&plain);
   CHECK(rig.command(dial)["error"] == "unsupported");
   DialingPbx pbx;
   rig.engine.set_pbx(&pbx);
   CHECK(rig.command(dial) == kOk);
   REQUIRE(pbx.calls.size() == 1);
   CHECK(pbx.calls[0] == std::pair<std::string, std::string>{"+49897007100", "+4930555"});
   CHECK(rig.command({{"type", "dial"}, {"attendant", "zed"}, {"target", "+4930555"}})["error"] == "unknown_attendant");
   CHECK(rig.command({{"type", "dial"}, {"attendant", "anna"}})["message"] == "dial: 'target' is required");
   CHECK(rig.engine.call_count() == 0);  // the PBX's call, not one the engine holds
   rig.engine.set_pbx(nullptr);
}
