// SPDX-License-Identifier: GPL-3.0-or-later
// The host's wiring in portierd (engine_host.cpp), minus the kernel: an Engine over the trunk
// adapter and a fake "portier.trunk/1" table, timers on the kernel loop's simulated clock, and
// refusals reaching the engine on the loop, after the engine call that caused them.
#pragma once

#include <catch2/catch.hpp>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "engine/host/command_failures.h"
#include "engine/host/engine_timers.h"
#include "engine/host/trunk_adapter.h"
#include "engine/host/trunk_events.h"
#include "fake_trunk_table.h"
#include "kernel/clock.h"
#include "kernel/engine_loop.h"

namespace portier::engine::test {

struct HostRig {
   kernel::SimulatedClock clock;
   kernel::EngineLoop loop{clock, 1024};
   FakeTrunkTable trunk;
   std::vector<CommandFailure> failures;
   std::vector<EngineEvent> events;
   EngineTimers timers{loop};
   TrunkAdapter adapter{[this](const CommandFailure &f) {
      failures.push_back(f);
      timers.start(0, [this, f] { apply_failure(f, *engine, adapter); });
   }};
   std::unique_ptr<Engine> engine;

   explicit HostRig(EngineData data) {
      loop.adopt_current_thread();
      adapter.attach(TrunkTable{trunk.instance(), &trunk.table, "trunk.fake"});
      engine = std::make_unique<Engine>(std::move(data), adapter, timers,
                                        [this](const EngineEvent &e) { events.push_back(e); });
   }
   void advance_ms(std::int64_t ms) { loop.advance(ms * 1000); }
   // An INCOMING record from +4989555 to `called`, through the host's record routing.
   void incoming_to(const char *id, const char *called) {
      portier_trunk_incoming_event in{};
      in.header = PORTIER_EVENT_HEADER_INIT(portier_trunk_incoming_event, PORTIER_SPACE_TRUNK, PORTIER_TRUNK_EV_INCOMING);
      portier_copy_str(in.call_id, sizeof in.call_id, id);
      portier_copy_str(in.caller, sizeof in.caller, "+4989555");
      portier_copy_str(in.called, sizeof in.called, called);
      REQUIRE(route_trunk_event(in.header, *engine, adapter) == TrunkEventUse::engine);
   }
   // anna logs on, available, at `device` for `pilot`.
   void log_on_anna(const char *device, const char *pilot) {
      LogOn request;
      request.attendant = "anna";
      request.device = device;
      request.pilots = {pilot};
      request.available = true;
      REQUIRE(engine->log_on(request) == Outcome::ok);
   }
};

}  // namespace portier::engine::test
