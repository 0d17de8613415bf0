// SPDX-License-Identifier: GPL-3.0-or-later
// One pilot number (ring time 1 s, RNA timeout 10 s) on the fake trunk and the simulated clock,
// with every engine event kept as the JSON front ends get; commands go through the client API.
#pragma once

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "engine/api/client_api.h"
#include "engine/runtime/sim_timers.h"
#include "fake_trunk.h"
#include "pilot_data.h"

namespace portier::engine::test {

inline constexpr const char *kPilot = "+498970071200";

inline EngineData one_pilot() {
   EngineData data = pilot_data(kPilot);
   data.tenants[0].times.default_ring_time_ms = 1000;
   data.tenants[0].times.default_rna_timeout_ms = 10000;
   return data;
}

struct ApiRig {
   FakeTrunk trunk;
   SimTimers timers;
   std::vector<nlohmann::json> events;
   Engine engine{one_pilot(), trunk, timers, [this](const EngineEvent &e) { events.push_back(event_json(e)); }};

   nlohmann::json command(const nlohmann::json &request) { return handle_client_command(engine, request, timers.now_ms()); }
   nlohmann::json log_on(const std::string &attendant, bool available) {
      return command({{"type", "log_on"}, {"attendant", attendant}, {"device", "+49897007100"},
                      {"pilots", {kPilot}}, {"available", available}});
   }
   void incoming(const std::string &id, const std::string &caller) {
      IncomingCall call;
      call.call_id = id;
      call.caller = caller;
      call.called = kPilot;
      engine.on_incoming(call);
   }
   // The newest event of that name, or null.
   nlohmann::json last(const std::string &event) const {
      for (auto it = events.rbegin(); it != events.rend(); ++it)
         if (it->value("event", "") == event) return *it;
      return {};
   }
   bool saw(const std::string &event, const std::string &call_id) const {
      for (const nlohmann::json &e : events)
         if (e.value("event", "") == event && e.value("call_id", "") == call_id) return true;
      return false;
   }
};


}  // namespace portier::engine::test
