// SPDX-License-Identifier: GPL-3.0-or-later
// Every command of portier.pbx/1 through the real pbx.osv plugin against the simulated office:
// it completes with a RESULT carrying its correlation (and the new call where the kind says
// so), or fails with the CSTA error as the SDK's pinned detail (portier/kind/pbx_csta.h).
#include <optional>
#include <string>

#include <catch2/catch.hpp>

#include "e2e_support.h"

namespace {

using e2e::call_event;
using e2e::command;
using e2e::wait_state;
using e2e::watch;
using simtest::Rig;

void check_refused(const portier_pbx_result_event &r, std::uint64_t correlation, const char *device,
                   portier_status status, std::int32_t detail, const char *message) {
   CHECK(r.header.correlation == correlation);
   CHECK(std::string(r.device) == device);
   CHECK(r.status == status);
   CHECK(r.detail == detail);
   CHECK(std::string(r.message) == message);
   CHECK(std::string(r.call_id).empty());
}

void check_done(const portier_pbx_result_event &r, std::uint64_t correlation, const char *device) {
   CHECK(r.header.correlation == correlation);
   CHECK(std::string(r.device) == device);
   CHECK(r.status == PORTIER_OK);
   CHECK(r.detail == 0);
   CHECK(std::string(r.message).empty());
}

// 300 rings with a call from 100 made in the office; returns its id.
std::string ringing_at_300(Rig &rig) {
   auto call = rig.sim.on_sim([&] { return rig.sim.office.make_call("100", "300"); });
   REQUIRE(call.ok());
   REQUIRE(call_event(rig, "300", PORTIER_PBX_CALL_DELIVERED, call.value.call_id));
   return call.value.call_id;
}

}  // namespace

TEST_CASE("make call completes with the new call id, and fails for an unknown caller with invalidDeviceID") {
   Rig rig;
   rig.wait_running();
   const auto made = command(rig, 11, [&](portier_error *err) { return rig.pbx->make_call(rig.inst, "100", "300", 11, err); });
   check_done(made, 11, "100");
   CHECK(std::string(made.call_id).size() == 32);
   auto snap = rig.sim.on_sim([&] { return rig.sim.office.snapshot_device("100"); });
   REQUIRE(snap.value.calls.size() == 1);
   CHECK(snap.value.calls.front().call_id == made.call_id);

   const auto refused = command(rig, 12, [&](portier_error *err) { return rig.pbx->make_call(rig.inst, "999", "100", 12, err); });
   check_refused(refused, 12, "999", PORTIER_ERR_INVALID, PORTIER_CSTA_ERR_OP_INVALID_DEVICE_ID, "operation: invalidDeviceID");
   const auto nowhere = command(rig, 13, [&](portier_error *err) { return rig.pbx->make_call(rig.inst, "200", "555", 13, err); });
   check_refused(nowhere, 13, "200", PORTIER_ERR_INVALID, PORTIER_CSTA_ERR_OP_INVALID_DESTINATION,
                 "operation: invalidDestination");
}

TEST_CASE("answer completes for a ringing call and fails with noCallToAnswer for a talking one") {
   Rig rig;
   rig.wait_running();
   watch(rig, "300", 1);
   const std::string call = ringing_at_300(rig);
   check_done(command(rig, 21, [&](portier_error *err) { return rig.pbx->answer(rig.inst, "300", call.c_str(), 21, err); }),
              21, "300");
   CHECK(wait_state(rig, "300", PORTIER_PBX_DEVICE_BUSY));
   const auto again = command(rig, 22, [&](portier_error *err) { return rig.pbx->answer(rig.inst, "300", call.c_str(), 22, err); });
   check_refused(again, 22, "300", PORTIER_ERR_STATE, PORTIER_CSTA_ERR_STATE_NO_CALL_TO_ANSWER,
                 "stateIncompatibility: noCallToAnswer");
}

TEST_CASE("clear completes for a call and fails with invalidCallID once it is gone") {
   Rig rig;
   rig.wait_running();
   watch(rig, "300", 1);
   const std::string call = ringing_at_300(rig);
   check_done(command(rig, 31, [&](portier_error *err) { return rig.pbx->clear(rig.inst, "300", call.c_str(), 31, err); }),
              31, "300");
   CHECK(wait_state(rig, "300", PORTIER_PBX_DEVICE_IDLE));
   const auto gone = command(rig, 32, [&](portier_error *err) { return rig.pbx->clear(rig.inst, "300", call.c_str(), 32, err); });
   check_refused(gone, 32, "300", PORTIER_ERR_INVALID, PORTIER_CSTA_ERR_OP_INVALID_CALL_ID, "operation: invalidCallID");
}

TEST_CASE("hold and retrieve complete for a talking call and fail with noActiveCall and noHeldCall") {
   Rig rig;
   rig.wait_running();
   watch(rig, "300", 1);
   const std::string call = ringing_at_300(rig);
   const auto early = command(rig, 41, [&](portier_error *err) { return rig.pbx->hold(rig.inst, "300", call.c_str(), 41, err); });
   check_refused(early, 41, "300", PORTIER_ERR_STATE, PORTIER_CSTA_ERR_STATE_NO_ACTIVE_CALL, "stateIncompatibility: noActiveCall");
   const auto not_held = command(rig, 42, [&](portier_error *err) { return rig.pbx->retrieve(rig.inst, "300", call.c_str(), 42, err); });
   check_refused(not_held, 42, "300", PORTIER_ERR_STATE, PORTIER_CSTA_ERR_STATE_NO_HELD_CALL, "stateIncompatibility: noHeldCall");

   REQUIRE(command(rig, 43, [&](portier_error *err) { return rig.pbx->answer(rig.inst, "300", call.c_str(), 43, err); }).status ==
           PORTIER_OK);
   check_done(command(rig, 44, [&](portier_error *err) { return rig.pbx->hold(rig.inst, "300", call.c_str(), 44, err); }), 44, "300");
   CHECK(wait_state(rig, "300", PORTIER_PBX_DEVICE_HELD));
   check_done(command(rig, 45, [&](portier_error *err) { return rig.pbx->retrieve(rig.inst, "300", call.c_str(), 45, err); }),
              45, "300");
   CHECK(wait_state(rig, "300", PORTIER_PBX_DEVICE_BUSY));
}

TEST_CASE("consult completes with the new call id, transfer connects the others, and both fail with CSTA errors") {
   Rig rig(2);
   rig.wait_running();
   watch(rig, "100", 1);
   auto incoming = rig.sim.on_sim([&] { return rig.sim.office.make_call("7001", "100"); });
   REQUIRE(incoming.ok());
   const std::string first = incoming.value.call_id;
   REQUIRE(call_event(rig, "100", PORTIER_PBX_CALL_DELIVERED, first));

   const auto too_early = command(rig, 51, [&](portier_error *err) {
      return rig.pbx->consult(rig.inst, "100", first.c_str(), "300", 51, err);
   });
   check_refused(too_early, 51, "100", PORTIER_ERR_STATE, PORTIER_CSTA_ERR_STATE_NO_ACTIVE_CALL,
                 "stateIncompatibility: noActiveCall");
   REQUIRE(command(rig, 52, [&](portier_error *err) { return rig.pbx->answer(rig.inst, "100", first.c_str(), 52, err); }).status ==
           PORTIER_OK);
   const auto consult = command(rig, 53, [&](portier_error *err) {
      return rig.pbx->consult(rig.inst, "100", first.c_str(), "300", 53, err);
   });
   check_done(consult, 53, "100");
   const std::string second = consult.call_id;
   REQUIRE(second.size() == 32);
   CHECK(second != first);

   const auto same = command(rig, 54, [&](portier_error *err) {
      return rig.pbx->transfer(rig.inst, "100", first.c_str(), first.c_str(), 54, err);
   });
   check_refused(same, 54, "100", PORTIER_ERR_INVALID, PORTIER_CSTA_ERR_OP_REQUEST_INCOMPATIBLE_WITH_OBJECT,
                 "operation: requestIncompatibleWithObject");
   check_done(command(rig, 55, [&](portier_error *err) {
                 return rig.pbx->transfer(rig.inst, "100", first.c_str(), second.c_str(), 55, err);
              }),
              55, "100");
   CHECK(wait_state(rig, "100", PORTIER_PBX_DEVICE_IDLE));
   auto snap = rig.sim.on_sim([&] { return rig.sim.office.snapshot_device("300"); });
   REQUIRE(snap.value.calls.size() == 1);  // 7001 now rings at 300
   CHECK(snap.value.state == portier::pbxsim::DeviceState::ringing);
}

TEST_CASE("single-step transfer and deflect complete, and fail with invalidDestination and invalidConnectionState") {
   Rig rig(2);
   rig.wait_running();
   watch(rig, "300", 1);
   watch(rig, "7000", 2);
   const std::string call = ringing_at_300(rig);
   const auto to_nowhere = command(rig, 61, [&](portier_error *err) {
      return rig.pbx->deflect(rig.inst, "300", call.c_str(), "555", 61, err);
   });
   check_refused(to_nowhere, 61, "300", PORTIER_ERR_INVALID, PORTIER_CSTA_ERR_OP_INVALID_DESTINATION,
                 "operation: invalidDestination");
   check_done(command(rig, 62, [&](portier_error *err) { return rig.pbx->deflect(rig.inst, "300", call.c_str(), "7000", 62, err); }),
              62, "300");
   CHECK(wait_state(rig, "7000", PORTIER_PBX_DEVICE_RINGING));
   CHECK(wait_state(rig, "300", PORTIER_PBX_DEVICE_IDLE));

   const auto not_ringing = command(rig, 63, [&](portier_error *err) {
      return rig.pbx->single_step_transfer(rig.inst, "7000", call.c_str(), "300", 63, err);
   });
   check_refused(not_ringing, 63, "7000", PORTIER_ERR_STATE, PORTIER_CSTA_ERR_STATE_NO_ACTIVE_CALL,
                 "stateIncompatibility: noActiveCall");
   REQUIRE(command(rig, 64, [&](portier_error *err) { return rig.pbx->answer(rig.inst, "7000", call.c_str(), 64, err); }).status ==
           PORTIER_OK);
   const auto ringing_deflect = command(rig, 65, [&](portier_error *err) {
      return rig.pbx->deflect(rig.inst, "7000", call.c_str(), "300", 65, err);
   });
   check_refused(ringing_deflect, 65, "7000", PORTIER_ERR_STATE, PORTIER_CSTA_ERR_STATE_INVALID_CONNECTION_STATE,
                 "stateIncompatibility: invalidConnectionState");
   check_done(command(rig, 66, [&](portier_error *err) {
                 return rig.pbx->single_step_transfer(rig.inst, "7000", call.c_str(), "300", 66, err);
              }),
              66, "7000");
   CHECK(wait_state(rig, "7000", PORTIER_PBX_DEVICE_IDLE));
   CHECK(wait_state(rig, "300", PORTIER_PBX_DEVICE_RINGING));
}

TEST_CASE("forwarding CFU, CFB and CFNR is set, read back with get_features and switched off") {
   Rig rig(1);
   rig.wait_running();
   struct Case {
      std::int32_t type;
      const char *to;
   };
   const Case cases[] = {{PORTIER_PBX_FORWARD_UNCONDITIONAL, "100"},
                         {PORTIER_PBX_FORWARD_BUSY, "7000"},
                         {PORTIER_PBX_FORWARD_NO_ANSWER, "200"}};
   std::uint64_t correlation = 70;
   for (const Case &c : cases) {
      ++correlation;
      check_done(command(rig, correlation, [&](portier_error *err) {
                    return rig.pbx->set_forwarding(rig.inst, "300", c.type, true, c.to, correlation, err);
                 }),
                 correlation, "300");
   }
   const auto in_office = rig.sim.on_sim([&] { return rig.sim.office.get_forwarding("300"); });
   CHECK(in_office.value.unconditional.destination == "100");
   CHECK(in_office.value.busy.destination == "7000");
   CHECK(in_office.value.no_answer.destination == "200");

   check_done(command(rig, 80, [&](portier_error *err) { return rig.pbx->get_features(rig.inst, "300", 80, err); }), 80, "300");
   std::optional<portier_pbx_features_event> read;
   for (const auto &f : rig.host.events<portier_pbx_features_event>(PORTIER_PBX_EV_FEATURES)) {
      if (f.header.correlation == 80) read = f;
   }
   REQUIRE(read);
   CHECK(read->forward_unconditional);
   CHECK(std::string(read->forward_unconditional_to) == "100");
   CHECK(read->forward_busy);
   CHECK(std::string(read->forward_busy_to) == "7000");
   CHECK(read->forward_no_answer);
   CHECK(std::string(read->forward_no_answer_to) == "200");
   CHECK(!read->dnd);

   check_done(command(rig, 81, [&](portier_error *err) {
                 return rig.pbx->set_forwarding(rig.inst, "300", PORTIER_PBX_FORWARD_BUSY, false, nullptr, 81, err);
              }),
              81, "300");
   check_done(command(rig, 82, [&](portier_error *err) { return rig.pbx->get_features(rig.inst, "300", 82, err); }), 82, "300");
   read.reset();
   for (const auto &f : rig.host.events<portier_pbx_features_event>(PORTIER_PBX_EV_FEATURES)) {
      if (f.header.correlation == 82) read = f;
   }
   REQUIRE(read);
   CHECK(read->forward_unconditional);
   CHECK(!read->forward_busy);
   CHECK(read->forward_no_answer);
}

TEST_CASE("forwarding to the device itself fails with invalidForwardingDestination") {
   Rig rig;
   rig.wait_running();
   const auto r = command(rig, 90, [&](portier_error *err) {
      return rig.pbx->set_forwarding(rig.inst, "300", PORTIER_PBX_FORWARD_UNCONDITIONAL, true, "300", 90, err);
   });
   check_refused(r, 90, "300", PORTIER_ERR_INVALID, PORTIER_CSTA_ERR_OP_INVALID_FORWARDING_DESTINATION,
                 "operation: invalidForwardingDestination");
}

TEST_CASE("set DND completes and reads back, and fails with invalidDeviceID for an unknown device") {
   Rig rig;
   rig.wait_running();
   check_done(command(rig, 91, [&](portier_error *err) { return rig.pbx->set_dnd(rig.inst, "300", true, 91, err); }), 91, "300");
   CHECK(rig.sim.on_sim([&] { return rig.sim.office.get_dnd("300").value; }));
   check_done(command(rig, 92, [&](portier_error *err) { return rig.pbx->get_features(rig.inst, "300", 92, err); }), 92, "300");
   bool dnd_read = false;
   for (const auto &f : rig.host.events<portier_pbx_features_event>(PORTIER_PBX_EV_FEATURES)) {
      if (f.header.correlation == 92) dnd_read = f.dnd;
   }
   CHECK(dnd_read);
   const auto unknown = command(rig, 93, [&](portier_error *err) { return rig.pbx->set_dnd(rig.inst, "999", true, 93, err); });
   check_refused(unknown, 93, "999", PORTIER_ERR_INVALID, PORTIER_CSTA_ERR_OP_INVALID_DEVICE_ID, "operation: invalidDeviceID");
   const auto unread = command(rig, 94, [&](portier_error *err) { return rig.pbx->get_features(rig.inst, "999", 94, err); });
   check_refused(unread, 94, "999", PORTIER_ERR_INVALID, PORTIER_CSTA_ERR_OP_INVALID_DEVICE_ID, "operation: invalidDeviceID");
}
