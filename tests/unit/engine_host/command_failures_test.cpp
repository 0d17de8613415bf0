// SPDX-License-Identifier: GPL-3.0-or-later
// A connect the trunk refuses never costs the caller: command_failures turns it into the
// engine's on_connect_failed, which hangs up the other side only; a CONNECTED record completes
// the hand-over.
#include <catch2/catch.hpp>

#include <memory>
#include <string>
#include <vector>

#include "engine/host/command_failures.h"
#include "engine/host/engine_timers.h"
#include "engine/host/trunk_adapter.h"
#include "engine/host/trunk_events.h"
#include "fake_trunk_table.h"
#include "host_rig.h"
#include "pilot_data.h"
#include "kernel/clock.h"
#include "kernel/engine_loop.h"

namespace portier::engine::test {
namespace {

constexpr const char *kHandoverPilot = "+4930100";
constexpr const char *kHandoverDevice = "+4930555";
constexpr const char *kHandoverTarget = "+4930777";

EngineData handover_pilot() { return pilot_data(kHandoverPilot); }

struct HandoverRig : HostRig {
   HandoverRig() : HostRig(handover_pilot()) {}
   void call_record(std::uint32_t type, const std::string &id, const std::string &other = "") {
      portier_trunk_call_event record{};
      record.header = PORTIER_EVENT_HEADER_INIT(portier_trunk_call_event, PORTIER_SPACE_TRUNK, type);
      portier_copy_str(record.call_id, sizeof record.call_id, id.c_str());
      portier_copy_str(record.other_call_id, sizeof record.other_call_id, other.c_str());
      REQUIRE(route_trunk_event(record.header, *engine, adapter) == TrunkEventUse::engine);
   }
   // in-1 arrives, is pushed to anna, and anna's leg answers. Returns the leg.
   std::string answered_by_anna() {
      log_on_anna(kHandoverDevice, kHandoverPilot);
      incoming_to("in-1", kHandoverPilot);
      advance_ms(3000);
      const std::string leg = engine->find_call("in-1")->leg;
      call_record(PORTIER_TRUNK_EV_ANSWERED, leg);
      return leg;
   }
};

}  // namespace

TEST_CASE("a connect to the attendant the trunk refuses hangs up only the attendant's leg and requeues the caller",
          "[engine_host]") {
   HandoverRig rig;
   rig.trunk.refuse.insert("connect");
   const std::string leg = rig.answered_by_anna();
   REQUIRE(rig.engine->set_available("anna", false) == Outcome::ok);
   rig.advance_ms(0);
   REQUIRE(rig.failures.size() == 1);
   CHECK(rig.failures[0].command == TrunkCommand::connect);
   CHECK(rig.trunk.last("hangup", leg) != nullptr);
   CHECK(rig.trunk.last("hangup", "in-1") == nullptr);
   REQUIRE(rig.engine->find_call("in-1") != nullptr);
   CHECK(rig.engine->find_call("in-1")->phase == CallPhase::waiting);
   CHECK(rig.engine->find_attendant("anna")->call.empty());
   CHECK(rig.engine->audit().empty());
}

TEST_CASE("a RESULT error for a transfer's connect leaves the caller waiting as transfer_failed", "[engine_host]") {
   HandoverRig rig;
   rig.answered_by_anna();
   rig.call_record(PORTIER_TRUNK_EV_CONNECTED, "in-1", rig.engine->find_call("in-1")->leg);
   REQUIRE(rig.engine->transfer("anna", "in-1", kHandoverTarget) == Outcome::ok);
   const std::string target_leg = rig.engine->find_call("in-1")->leg;
   rig.call_record(PORTIER_TRUNK_EV_ANSWERED, target_leg);
   const TrunkCall *connect = rig.trunk.last("connect", "in-1");
   REQUIRE(connect != nullptr);
   REQUIRE(connect->op == "connect " + target_leg);
   portier_trunk_result_event result{};
   result.header = PORTIER_EVENT_HEADER_INIT(portier_trunk_result_event, PORTIER_SPACE_TRUNK, PORTIER_TRUNK_EV_RESULT);
   result.header.correlation = connect->correlation;
   result.status = PORTIER_ERR_STATE;
   portier_copy_str(result.call_id, sizeof result.call_id, "in-1");
   REQUIRE(route_trunk_event(result.header, *rig.engine, rig.adapter) == TrunkEventUse::adapter);
   rig.advance_ms(0);
   CHECK(rig.trunk.last("hangup", target_leg) != nullptr);
   CHECK(rig.trunk.last("hangup", "in-1") == nullptr);
   const auto queue = rig.engine->processing_queue(kDefaultTenant);
   REQUIRE(queue.size() == 1);
   CHECK(queue[0].state == ProcessingState::transfer_failed);
   CHECK(rig.engine->audit().empty());
}

TEST_CASE("a CONNECTED record completes a transfer's hand-over", "[engine_host]") {
   HandoverRig rig;
   rig.answered_by_anna();
   rig.call_record(PORTIER_TRUNK_EV_CONNECTED, "in-1", rig.engine->find_call("in-1")->leg);
   REQUIRE(rig.engine->transfer("anna", "in-1", kHandoverTarget) == Outcome::ok);
   const std::string target_leg = rig.engine->find_call("in-1")->leg;
   rig.call_record(PORTIER_TRUNK_EV_ANSWERED, target_leg);
   REQUIRE(rig.engine->find_call("in-1") != nullptr);
   rig.call_record(PORTIER_TRUNK_EV_CONNECTED, "in-1", target_leg);
   CHECK(rig.engine->find_call("in-1") == nullptr);
   const auto *ended = std::get_if<CallEnded>(&rig.events.back());
   REQUIRE(ended != nullptr);
   CHECK(ended->reason == EndReason::transferred);
   CHECK(rig.failures.empty());
}

}  // namespace portier::engine::test
