// SPDX-License-Identifier: GPL-3.0-or-later
// The simulated OpenScape Voice really forwards a busy attendant's phone: the engine (fake trunk,
// simulated clock) drives the real pbx.osv plugin through PbxAdapter, and the office's forwarding
// of the attendant's device is read on the simulator's thread.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "engine/host/pbx_adapter.h"
#include "engine/runtime/engine.h"
#include "engine/runtime/sim_timers.h"
#include "fake_trunk.h"
#include "pilot_data.h"
#include "sim_rig.h"

namespace portier::engine::test {
namespace {

constexpr const char *kSimPilot = "+4930100";
constexpr const char *kSimAttendantPhone = "100";  // the simulator's attendant extension
constexpr const char *kSimPersonalLine = "7000";   // an extension the office knows, as a stand-in

EngineData sim_pilot() {
   EngineData data = pilot_data(kSimPilot);
   data.tenants[0].times.default_ring_time_ms = 3000;
   return data;
}

// The office's CFU of `device`: its destination, or "" when off.
std::string office_cfu(simtest::Rig &rig, const std::string &device) {
   return rig.sim.on_sim([&] {
      const auto settings = rig.sim.office.get_forwarding(device);
      return settings.value.unconditional.on ? settings.value.unconditional.destination : std::string();
   });
}

}  // namespace

TEST_CASE("the simulated OpenScape Voice forwards a busy attendant's phone to the personal line until the call "
          "ends",
          "[engine_cfu]") {
   simtest::Rig rig(1);
   rig.wait_running();
   std::vector<PbxFailure> failures;
   PbxAdapter adapter([&](const PbxFailure &f) { failures.push_back(f); });
   adapter.attach(PbxTable{rig.inst, rig.pbx, "pbx.osv"});
   SimTimers clock;
   FakeTrunk trunk;
   Engine engine(sim_pilot(), trunk, clock, [](const EngineEvent &) {});
   engine.set_pbx(&adapter);

   LogOn anna;
   anna.attendant = "anna";
   anna.device = kSimAttendantPhone;
   anna.personal_line = kSimPersonalLine;
   anna.pilots = {kSimPilot};
   anna.available = true;
   REQUIRE(engine.log_on(anna) == Outcome::ok);
   IncomingCall call;
   call.call_id = "c1";
   call.caller = "+4989555";
   call.called = kSimPilot;
   engine.on_incoming(call);
   clock.advance(3000);
   REQUIRE(trunk.legs_for("c1").size() == 1);
   CHECK(office_cfu(rig, kSimAttendantPhone).empty());  // ringing is not busy

   engine.on_answered(trunk.legs_for("c1")[0].call_id);
   CHECK(rig.host.wait([&] { return office_cfu(rig, kSimAttendantPhone) == kSimPersonalLine; }));

   engine.on_ended("c1", 200);
   CHECK(rig.host.wait([&] { return office_cfu(rig, kSimAttendantPhone).empty(); }));
   CHECK(failures.empty());
}

}  // namespace portier::engine::test
