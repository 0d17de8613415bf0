// SPDX-License-Identifier: GPL-3.0-or-later
// Every call event type and every device state of the pbx kind, produced by the simulated
// office, carried over CSTA XML and turned into records by the real pbx.osv plugin.
#include <string>

#include <catch2/catch.hpp>

#include "e2e_support.h"

namespace {

using e2e::call_event;
using e2e::command;
using e2e::wait_state;
using e2e::watch;
using simtest::Rig;

// 100 calls 300 through the driver; returns the call id of the RESULT.
std::string call_from_100_to_300(Rig &rig, std::uint64_t correlation) {
   const auto made = command(rig, correlation, [&](portier_error *err) {
      return rig.pbx->make_call(rig.inst, "100", "300", correlation, err);
   });
   REQUIRE(made.status == PORTIER_OK);
   REQUIRE(std::string(made.call_id).size() == 32);
   return made.call_id;
}

// The unmonitored extension 7001 calls 100, 100 answers and consults 300, 300 answers.
struct Consulted {
   std::string first;   // 7001 - 100, held at 100
   std::string second;  // 100 - 300, active
};

Consulted consulted_300(Rig &rig) {
   auto incoming = rig.sim.on_sim([&] { return rig.sim.office.make_call("7001", "100"); });
   REQUIRE(incoming.ok());
   const std::string first = incoming.value.call_id;
   REQUIRE(call_event(rig, "100", PORTIER_PBX_CALL_DELIVERED, first));
   REQUIRE(command(rig, 50, [&](portier_error *err) {
              return rig.pbx->answer(rig.inst, "100", first.c_str(), 50, err);
           }).status == PORTIER_OK);
   const auto consult = command(rig, 51, [&](portier_error *err) {
      return rig.pbx->consult(rig.inst, "100", first.c_str(), "300", 51, err);
   });
   REQUIRE(consult.status == PORTIER_OK);
   const std::string second = consult.call_id;
   REQUIRE(second.size() == 32);
   REQUIRE(second != first);
   REQUIRE(call_event(rig, "300", PORTIER_PBX_CALL_DELIVERED, second));
   REQUIRE(command(rig, 52, [&](portier_error *err) {
              return rig.pbx->answer(rig.inst, "300", second.c_str(), 52, err);
           }).status == PORTIER_OK);
   REQUIRE(wait_state(rig, "100", PORTIER_PBX_DEVICE_BUSY));
   return {first, second};
}

// The call `device` is in now, as the office knows it.
std::string office_call_at(Rig &rig, const std::string &device) {
   auto snap = rig.sim.on_sim([&] { return rig.sim.office.snapshot_device(device); });
   REQUIRE(snap.ok());
   REQUIRE(snap.value.calls.size() == 1);
   return snap.value.calls.front().call_id;
}

}  // namespace

TEST_CASE("a made call reaches the engine as ServiceInitiated, Originated, Delivered and Established") {
   Rig rig(2);
   rig.wait_running();
   watch(rig, "100", 1);
   watch(rig, "300", 2);
   const std::string call = call_from_100_to_300(rig, 3);

   const auto initiated = call_event(rig, "100", PORTIER_PBX_CALL_SERVICE_INITIATED, call);
   REQUIRE(initiated);
   CHECK(initiated->cause == PORTIER_CSTA_CAUSE_MAKE_CALL);
   CHECK(std::string(initiated->calling) == "100");
   CHECK(initiated->header.correlation == 0);

   const auto originated = call_event(rig, "100", PORTIER_PBX_CALL_ORIGINATED, call);
   REQUIRE(originated);
   CHECK(originated->cause == PORTIER_CSTA_CAUSE_NEW_CALL);
   CHECK(std::string(originated->calling) == "100");
   CHECK(std::string(originated->called) == "300");

   const auto delivered = call_event(rig, "300", PORTIER_PBX_CALL_DELIVERED, call);
   REQUIRE(delivered);
   CHECK(delivered->cause == PORTIER_CSTA_CAUSE_NEW_CALL);
   CHECK(std::string(delivered->calling) == "100");
   CHECK(std::string(delivered->called) == "300");
   CHECK(std::string(delivered->connected) == "300");
   CHECK(std::string(delivered->redirecting).empty());
   CHECK(call_event(rig, "100", PORTIER_PBX_CALL_DELIVERED, call));
   CHECK(wait_state(rig, "300", PORTIER_PBX_DEVICE_RINGING));

   REQUIRE(command(rig, 4, [&](portier_error *err) {
              return rig.pbx->answer(rig.inst, "300", call.c_str(), 4, err);
           }).status == PORTIER_OK);
   for (const char *device : {"100", "300"}) {
      const auto established = call_event(rig, device, PORTIER_PBX_CALL_ESTABLISHED, call);
      REQUIRE(established);
      CHECK(established->cause == PORTIER_CSTA_CAUSE_NEW_CALL);
      CHECK(std::string(established->connected) == "300");
      CHECK(std::string(established->device) == device);
      CHECK(wait_state(rig, device, PORTIER_PBX_DEVICE_BUSY));
   }
}

TEST_CASE("hold, retrieve and clear reach both parties as Held, Retrieved and ConnectionCleared") {
   Rig rig;
   rig.wait_running();
   watch(rig, "100", 1);
   watch(rig, "300", 2);
   const std::string call = call_from_100_to_300(rig, 3);
   REQUIRE(command(rig, 4, [&](portier_error *err) {
              return rig.pbx->answer(rig.inst, "300", call.c_str(), 4, err);
           }).status == PORTIER_OK);

   REQUIRE(command(rig, 5, [&](portier_error *err) {
              return rig.pbx->hold(rig.inst, "100", call.c_str(), 5, err);
           }).status == PORTIER_OK);
   for (const char *device : {"100", "300"}) {
      const auto held = call_event(rig, device, PORTIER_PBX_CALL_HELD, call);
      REQUIRE(held);
      CHECK(held->cause == PORTIER_CSTA_CAUSE_NORMAL);
   }
   CHECK(wait_state(rig, "100", PORTIER_PBX_DEVICE_HELD));
   CHECK(rig.state_is("300", PORTIER_PBX_DEVICE_BUSY));

   REQUIRE(command(rig, 6, [&](portier_error *err) {
              return rig.pbx->retrieve(rig.inst, "100", call.c_str(), 6, err);
           }).status == PORTIER_OK);
   const auto retrieved = call_event(rig, "300", PORTIER_PBX_CALL_RETRIEVED, call);
   REQUIRE(retrieved);
   CHECK(retrieved->cause == PORTIER_CSTA_CAUSE_NORMAL);
   CHECK(std::string(retrieved->connected) == "100");
   CHECK(wait_state(rig, "100", PORTIER_PBX_DEVICE_BUSY));

   REQUIRE(command(rig, 7, [&](portier_error *err) {
              return rig.pbx->clear(rig.inst, "300", call.c_str(), 7, err);
           }).status == PORTIER_OK);
   for (const char *device : {"100", "300"}) {
      const auto cleared = call_event(rig, device, PORTIER_PBX_CALL_CLEARED, call);
      REQUIRE(cleared);
      CHECK(cleared->cause == PORTIER_CSTA_CAUSE_NORMAL_CLEARING);
      CHECK(wait_state(rig, device, PORTIER_PBX_DEVICE_IDLE));
   }
}

TEST_CASE("forwarding unconditional reaches the engine as a forwarded state and a Diverted call") {
   Rig rig(1);
   rig.wait_running();
   watch(rig, "100", 1);
   watch(rig, "300", 2);
   watch(rig, "7000", 3);
   REQUIRE(command(rig, 4, [&](portier_error *err) {
              return rig.pbx->set_forwarding(rig.inst, "300", PORTIER_PBX_FORWARD_UNCONDITIONAL, true, "7000", 4, err);
           }).status == PORTIER_OK);
   REQUIRE(wait_state(rig, "300", PORTIER_PBX_DEVICE_FORWARDED));
   CHECK(std::string(e2e::last_device_events(rig)["300"].forward_to) == "7000");

   const std::string call = call_from_100_to_300(rig, 5);
   const auto diverted = call_event(rig, "300", PORTIER_PBX_CALL_DIVERTED, call);
   REQUIRE(diverted);
   CHECK(diverted->cause == PORTIER_CSTA_CAUSE_CALL_FORWARD_IMMEDIATE);
   CHECK(std::string(diverted->connected) == "7000");
   CHECK(std::string(diverted->redirecting) == "300");
   CHECK(std::string(diverted->calling) == "100");
   const auto at_caller = call_event(rig, "100", PORTIER_PBX_CALL_DIVERTED, call);
   REQUIRE(at_caller);
   CHECK(std::string(at_caller->connected) == "7000");
   const auto ringing = call_event(rig, "7000", PORTIER_PBX_CALL_DELIVERED, call);
   REQUIRE(ringing);
   CHECK(std::string(ringing->redirecting) == "300");
   CHECK(ringing->cause == PORTIER_CSTA_CAUSE_CALL_FORWARD_IMMEDIATE);
   CHECK(wait_state(rig, "7000", PORTIER_PBX_DEVICE_RINGING));
   CHECK(rig.state_is("300", PORTIER_PBX_DEVICE_FORWARDED));
}

TEST_CASE("a consultation transferred by the attendant reaches the engine as Transferred") {
   Rig rig(2);
   rig.wait_running();
   watch(rig, "100", 1);
   watch(rig, "300", 2);
   const Consulted calls = consulted_300(rig);
   const auto held = call_event(rig, "100", PORTIER_PBX_CALL_HELD, calls.first);
   REQUIRE(held);
   CHECK(held->cause == PORTIER_CSTA_CAUSE_CONSULTATION);

   REQUIRE(command(rig, 5, [&](portier_error *err) {
              return rig.pbx->transfer(rig.inst, "100", calls.first.c_str(), calls.second.c_str(), 5, err);
           }).status == PORTIER_OK);
   for (const char *device : {"100", "300"}) {
      const auto transferred = call_event(rig, device, PORTIER_PBX_CALL_TRANSFERRED, calls.first);
      REQUIRE(transferred);
      CHECK(transferred->cause == PORTIER_CSTA_CAUSE_TRANSFER);
      CHECK(std::string(transferred->secondary_call_id) == calls.second);
      CHECK(std::string(transferred->calling) == "7001");
      CHECK(std::string(transferred->connected) == "300");
      CHECK(std::string(transferred->redirecting) == "100");
   }
   CHECK(wait_state(rig, "100", PORTIER_PBX_DEVICE_IDLE));
   CHECK(wait_state(rig, "300", PORTIER_PBX_DEVICE_BUSY));

   // 300 goes on in the call the transfer made; when that ends, 300 is idle again
   const std::string merged = office_call_at(rig, "300");
   REQUIRE(command(rig, 6, [&](portier_error *err) {
              return rig.pbx->clear(rig.inst, "300", merged.c_str(), 6, err);
           }).status == PORTIER_OK);
   CHECK(wait_state(rig, "300", PORTIER_PBX_DEVICE_IDLE));
}

TEST_CASE("a single-step transfer reaches the engine as Transferred at the attendant and Delivered at the target") {
   Rig rig(2);
   rig.wait_running();
   watch(rig, "100", 1);
   watch(rig, "300", 2);
   auto incoming = rig.sim.on_sim([&] { return rig.sim.office.make_call("7001", "100"); });
   REQUIRE(incoming.ok());
   const std::string call = incoming.value.call_id;
   REQUIRE(call_event(rig, "100", PORTIER_PBX_CALL_DELIVERED, call));
   REQUIRE(command(rig, 3, [&](portier_error *err) {
              return rig.pbx->answer(rig.inst, "100", call.c_str(), 3, err);
           }).status == PORTIER_OK);
   REQUIRE(command(rig, 4, [&](portier_error *err) {
              return rig.pbx->single_step_transfer(rig.inst, "100", call.c_str(), "300", 4, err);
           }).status == PORTIER_OK);
   const auto transferred = call_event(rig, "100", PORTIER_PBX_CALL_TRANSFERRED, call);
   REQUIRE(transferred);
   CHECK(transferred->cause == PORTIER_CSTA_CAUSE_SINGLE_STEP_TRANSFER);
   CHECK(std::string(transferred->connected) == "300");
   CHECK(std::string(transferred->calling) == "7001");
   CHECK(wait_state(rig, "100", PORTIER_PBX_DEVICE_IDLE));
   const auto delivered = call_event(rig, "300", PORTIER_PBX_CALL_DELIVERED);
   REQUIRE(delivered);
   CHECK(delivered->cause == PORTIER_CSTA_CAUSE_SINGLE_STEP_TRANSFER);
   CHECK(std::string(delivered->calling) == "7001");
   CHECK(std::string(delivered->redirecting) == "100");
   CHECK(wait_state(rig, "300", PORTIER_PBX_DEVICE_RINGING));
}

TEST_CASE("a call to a do-not-disturb or out-of-service phone reaches the caller as Failed") {
   Rig rig;
   rig.wait_running();
   watch(rig, "100", 1);
   watch(rig, "300", 2);
   REQUIRE(command(rig, 3, [&](portier_error *err) { return rig.pbx->set_dnd(rig.inst, "300", true, 3, err); })
              .status == PORTIER_OK);
   REQUIRE(wait_state(rig, "300", PORTIER_PBX_DEVICE_DND));
   const std::string refused = call_from_100_to_300(rig, 4);
   const auto failed = call_event(rig, "100", PORTIER_PBX_CALL_FAILED, refused);
   REQUIRE(failed);
   CHECK(failed->cause == PORTIER_CSTA_CAUSE_DO_NOT_DISTURB);
   CHECK(std::string(failed->called) == "300");
   CHECK(wait_state(rig, "100", PORTIER_PBX_DEVICE_BUSY));  // the failed call stays until cleared
   REQUIRE(command(rig, 5, [&](portier_error *err) {
              return rig.pbx->clear(rig.inst, "100", refused.c_str(), 5, err);
           }).status == PORTIER_OK);
   REQUIRE(wait_state(rig, "100", PORTIER_PBX_DEVICE_IDLE));

   REQUIRE(command(rig, 6, [&](portier_error *err) { return rig.pbx->set_dnd(rig.inst, "300", false, 6, err); })
              .status == PORTIER_OK);
   REQUIRE(rig.sim.on_sim([&] { return rig.sim.office.set_in_service("300", false).ok(); }));
   REQUIRE(wait_state(rig, "300", PORTIER_PBX_DEVICE_OUT_OF_SERVICE));
   const std::string lost = call_from_100_to_300(rig, 7);
   const auto unreachable = call_event(rig, "100", PORTIER_PBX_CALL_FAILED, lost);
   REQUIRE(unreachable);
   CHECK(unreachable->cause == PORTIER_CSTA_CAUSE_DEST_NOT_OBTAINABLE);
}

TEST_CASE("a conference of the attendant's held and active call reaches every party as Conferenced") {
   Rig rig(2);
   rig.wait_running();
   watch(rig, "100", 1);
   watch(rig, "300", 2);
   const Consulted calls = consulted_300(rig);
   auto joined = rig.sim.on_sim([&] { return rig.sim.office.conference("100", calls.first, calls.second); });
   REQUIRE(joined.ok());
   for (const char *device : {"100", "300"}) {
      const auto conferenced = call_event(rig, device, PORTIER_PBX_CALL_CONFERENCED, calls.first);
      REQUIRE(conferenced);
      CHECK(conferenced->cause == PORTIER_CSTA_CAUSE_CONFERENCE);
      CHECK(std::string(conferenced->secondary_call_id) == calls.second);
      CHECK(std::string(conferenced->connected) == "300");
      CHECK(std::string(conferenced->calling) == "7001");
      CHECK(wait_state(rig, device, PORTIER_PBX_DEVICE_BUSY));
   }

   // the attendant leaves; 300 and 7001 talk on in the conference's call
   REQUIRE(command(rig, 5, [&](portier_error *err) {
              return rig.pbx->clear(rig.inst, "100", joined.value.call_id.c_str(), 5, err);
           }).status == PORTIER_OK);
   CHECK(wait_state(rig, "100", PORTIER_PBX_DEVICE_IDLE));
   CHECK(rig.state_is("300", PORTIER_PBX_DEVICE_BUSY));
   REQUIRE(rig.sim.on_sim([&] { return rig.sim.office.clear_connection("7001", joined.value.call_id).ok(); }));
   CHECK(wait_state(rig, "300", PORTIER_PBX_DEVICE_IDLE));
}

TEST_CASE("every device state reaches the engine: idle, do-not-disturb, forwarded with destination, out of service") {
   Rig rig;
   rig.wait_running();
   watch(rig, "300", 1);
   REQUIRE(wait_state(rig, "300", PORTIER_PBX_DEVICE_IDLE));

   REQUIRE(rig.sim.on_sim([&] { return rig.sim.office.set_dnd("300", true).ok(); }));
   CHECK(wait_state(rig, "300", PORTIER_PBX_DEVICE_DND));
   REQUIRE(rig.sim.on_sim([&] { return rig.sim.office.set_dnd("300", false).ok(); }));
   CHECK(wait_state(rig, "300", PORTIER_PBX_DEVICE_IDLE));

   REQUIRE(rig.sim.on_sim([&] {
      return rig.sim.office.set_forwarding("300", portier::pbxsim::ForwardType::unconditional, true, "100").ok();
   }));
   REQUIRE(wait_state(rig, "300", PORTIER_PBX_DEVICE_FORWARDED));
   CHECK(std::string(e2e::last_device_events(rig)["300"].forward_to) == "100");

   REQUIRE(rig.sim.on_sim([&] { return rig.sim.office.set_in_service("300", false).ok(); }));
   CHECK(wait_state(rig, "300", PORTIER_PBX_DEVICE_OUT_OF_SERVICE));
   REQUIRE(rig.sim.on_sim([&] { return rig.sim.office.set_in_service("300", true).ok(); }));
   CHECK(wait_state(rig, "300", PORTIER_PBX_DEVICE_FORWARDED));
}

TEST_CASE("a phone already out of service when its monitor starts is reported out of service") {
   Rig rig;
   rig.wait_running();
   REQUIRE(rig.sim.on_sim([&] { return rig.sim.office.set_in_service("300", false).ok(); }));
   watch(rig, "300", 1);
   CHECK(wait_state(rig, "300", PORTIER_PBX_DEVICE_OUT_OF_SERVICE));
   // the snapshot that follows the monitor must not hide it again
   REQUIRE(rig.host.wait([&] { return !rig.host.events<portier_pbx_features_event>(PORTIER_PBX_EV_FEATURES).empty(); }));
   CHECK(rig.state_is("300", PORTIER_PBX_DEVICE_OUT_OF_SERVICE));
}
