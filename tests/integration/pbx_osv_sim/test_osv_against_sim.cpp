// SPDX-License-Identifier: GPL-3.0-or-later
// pbx.osv end to end against the simulated OpenScape Voice: real framing, real handshake, the
// office's own events.
#include <algorithm>
#include <string>

#include <catch2/catch.hpp>

#include "sim_rig.h"

namespace {

using simtest::Rig;

bool has_call_event(const std::vector<portier_pbx_call_event> &calls, std::int32_t type) {
   return std::any_of(calls.begin(), calls.end(), [&](const auto &c) { return c.call_event == type; });
}

bool has_state(const std::vector<std::int32_t> &states, std::int32_t state) {
   return std::find(states.begin(), states.end(), state) != states.end();
}

}  // namespace

TEST_CASE("the driver answers the simulator's SystemStatus, registers and reports running") {
   Rig rig;
   rig.wait_running();
   CHECK(rig.sim.on_sim([&] { return rig.sim.server.connection_count(); }) == 1);
}

TEST_CASE("monitor_start on an office extension completes with a RESULT and an idle state") {
   Rig rig;
   rig.wait_running();
   portier_error err = PORTIER_ERROR_INIT;
   REQUIRE(rig.pbx->monitor_start(rig.inst, "100", 7, &err) == PORTIER_PENDING);
   const auto r = rig.result(7);
   CHECK(r.status == PORTIER_OK);
   CHECK(std::string(r.device) == "100");
   CHECK(rig.host.wait([&] { return rig.state_is("100", PORTIER_PBX_DEVICE_IDLE); }));
   CHECK(rig.sim.on_sim([&] { return rig.sim.office.monitor_count(); }) == 1);
}

TEST_CASE("a call made through the driver reaches both monitored extensions as call and device records") {
   Rig rig;
   rig.wait_running();
   rig.monitor("100", 1);
   rig.monitor("200", 2);
   portier_error err = PORTIER_ERROR_INIT;
   REQUIRE(rig.pbx->make_call(rig.inst, "100", "200", 3, &err) == PORTIER_PENDING);
   const auto made = rig.result(3);
   REQUIRE(made.status == PORTIER_OK);
   const std::string call_id = made.call_id;
   CHECK(!call_id.empty());

   // 200 answers by itself after 200 ms of office time, moved by the server's clock
   REQUIRE(rig.host.wait([&] { return has_call_event(rig.calls_at("200"), PORTIER_PBX_CALL_ESTABLISHED); }));
   REQUIRE(rig.host.wait([&] { return has_call_event(rig.calls_at("100"), PORTIER_PBX_CALL_ESTABLISHED); }));
   const auto at_caller = rig.calls_at("100");
   const auto at_callee = rig.calls_at("200");
   CHECK(has_call_event(at_caller, PORTIER_PBX_CALL_ORIGINATED));
   CHECK(has_call_event(at_caller, PORTIER_PBX_CALL_DELIVERED));
   CHECK(has_call_event(at_callee, PORTIER_PBX_CALL_DELIVERED));
   for (const auto &c : at_callee) {
      CHECK(std::string(c.call_id) == call_id);
      CHECK(std::string(c.calling) == "100");
      CHECK(std::string(c.called) == "200");
   }
   const auto delivered = std::find_if(at_callee.begin(), at_callee.end(),
                                       [](const auto &c) { return c.call_event == PORTIER_PBX_CALL_DELIVERED; });
   CHECK(std::string(delivered->connected) == "200");

   CHECK(rig.host.wait([&] { return rig.state_is("100", PORTIER_PBX_DEVICE_BUSY); }));
   CHECK(rig.host.wait([&] { return rig.state_is("200", PORTIER_PBX_DEVICE_BUSY); }));
   CHECK(has_state(rig.states_of("200"), PORTIER_PBX_DEVICE_RINGING));

   REQUIRE(rig.pbx->clear(rig.inst, "100", call_id.c_str(), 4, &err) == PORTIER_PENDING);
   CHECK(rig.result(4).status == PORTIER_OK);
   CHECK(rig.host.wait([&] { return rig.state_is("200", PORTIER_PBX_DEVICE_IDLE); }));
   CHECK(rig.host.wait([&] { return rig.state_is("100", PORTIER_PBX_DEVICE_IDLE); }));
}

TEST_CASE("forwarding set through the driver is in the office and reads back with get_features") {
   Rig rig;
   rig.wait_running();
   portier_error err = PORTIER_ERROR_INIT;
   REQUIRE(rig.pbx->set_forwarding(rig.inst, "300", PORTIER_PBX_FORWARD_UNCONDITIONAL, true, "100", 8, &err) ==
           PORTIER_PENDING);
   REQUIRE(rig.result(8).status == PORTIER_OK);
   const auto in_office = rig.sim.on_sim([&] { return rig.sim.office.get_forwarding("300"); });
   REQUIRE(in_office.ok());
   CHECK(in_office.value.unconditional.on);
   CHECK(in_office.value.unconditional.destination == "100");

   REQUIRE(rig.pbx->get_features(rig.inst, "300", 9, &err) == PORTIER_PENDING);
   REQUIRE(rig.result(9).status == PORTIER_OK);
   std::optional<portier_pbx_features_event> read;
   for (const auto &f : rig.host.events<portier_pbx_features_event>(PORTIER_PBX_EV_FEATURES)) {
      if (f.header.correlation == 9) read = f;
   }
   REQUIRE(read);
   CHECK(std::string(read->device) == "300");
   CHECK(read->forward_unconditional);
   CHECK(std::string(read->forward_unconditional_to) == "100");
   CHECK(!read->forward_busy);
   CHECK(!read->dnd);
}

TEST_CASE("a command on a device the office does not know fails with the CSTA error as detail") {
   Rig rig;
   rig.wait_running();
   portier_error err = PORTIER_ERROR_INIT;
   REQUIRE(rig.pbx->make_call(rig.inst, "999", "100", 5, &err) == PORTIER_PENDING);
   const auto r = rig.result(5);
   CHECK(r.status != PORTIER_OK);
   CHECK(r.detail == PORTIER_CSTA_ERR_OP_INVALID_DEVICE_ID);  // 1012, pinned in portier/kind/pbx_csta.h
   CHECK(std::string(r.message) == "operation: invalidDeviceID");
   CHECK(std::string(r.device) == "999");
}

TEST_CASE("a thousand monitored office extensions all complete") {
   constexpr int kDevices = 1000;
   Rig rig(kDevices);
   rig.wait_running();
   portier_error err = PORTIER_ERROR_INIT;
   for (int i = 0; i < kDevices; ++i) {
      const std::string device = std::to_string(7000 + i);
      REQUIRE(rig.pbx->monitor_start(rig.inst, device.c_str(), 1000 + i, &err) == PORTIER_PENDING);
   }
   auto all_done = [&] {
      return rig.host.events<portier_pbx_result_event>(PORTIER_PBX_EV_RESULT).size() >= kDevices;
   };
   REQUIRE(rig.host.wait(all_done, std::chrono::seconds(30)));
   const auto results = rig.host.events<portier_pbx_result_event>(PORTIER_PBX_EV_RESULT);
   CHECK(std::all_of(results.begin(), results.end(), [](const auto &r) { return r.status == PORTIER_OK; }));
   CHECK(rig.sim.on_sim([&] { return rig.sim.office.monitor_count(); }) == kDevices);
}

TEST_CASE("after the simulator drops every link the driver reconnects, re-monitors and sees what changed") {
   Rig rig;
   rig.wait_running();
   rig.monitor("100", 1);
   REQUIRE(rig.host.wait([&] { return rig.state_is("100", PORTIER_PBX_DEVICE_IDLE); }));

   rig.sim.server.drop_all_connections();
   REQUIRE(rig.host.wait([&] { return !rig.running(); }));
   // while the link is down, with no monitor left at the office: DND goes on at 100
   CHECK(rig.sim.on_sim([&] { return rig.sim.office.monitor_count(); }) == 0);
   REQUIRE(rig.sim.on_sim([&] { return rig.sim.office.set_dnd("100", true).ok(); }));

   // the driver's reconnect runs on the host clock
   bool back = false;
   for (int i = 0; i < 100 && !back; ++i) {
      rig.host.advance(100);
      back = rig.host.wait([&] { return rig.running() && rig.state_is("100", PORTIER_PBX_DEVICE_DND); },
                           std::chrono::milliseconds(50));
   }
   CHECK(back);
   CHECK(rig.sim.on_sim([&] { return rig.sim.office.monitor_count(); }) == 1);
   CHECK(rig.sim.on_sim([&] { return rig.sim.server.connection_count(); }) == 1);
}
