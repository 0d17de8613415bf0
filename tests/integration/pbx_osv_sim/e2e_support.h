// SPDX-License-Identifier: GPL-3.0-or-later
// Short waits over what the fake host recorded, for the end-to-end tests of every event, command
// and reconnect: a command's RESULT, a call event of one kind at one device, a device's last state.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>

#include <catch2/catch.hpp>

#include <portier/kind/pbx.h>
#include <portier/kind/pbx_csta.h>

#include "sim_rig.h"

namespace e2e {

using simtest::Rig;

// Issues a command (`issue` returns its immediate status) and waits for its RESULT.
inline portier_pbx_result_event command(Rig &rig, std::uint64_t correlation,
                                        const std::function<portier_status(portier_error *)> &issue) {
   portier_error err = PORTIER_ERROR_INIT;
   REQUIRE(issue(&err) == PORTIER_PENDING);
   return rig.result(correlation);
}

// The first call event of `type` at `device` (on `call_id` when given), waited for.
inline std::optional<portier_pbx_call_event> call_event(Rig &rig, const std::string &device, std::int32_t type,
                                                        const std::string &call_id = "") {
   std::optional<portier_pbx_call_event> found;
   rig.host.wait([&] {
      for (const auto &c : rig.calls_at(device)) {
         if (c.call_event == type && (call_id.empty() || call_id == c.call_id)) {
            found = c;
            return true;
         }
      }
      return false;
   });
   return found;
}

// The last device record posted for each device.
inline std::map<std::string, portier_pbx_device_event> last_device_events(Rig &rig) {
   std::map<std::string, portier_pbx_device_event> last;
   for (const auto &d : rig.host.events<portier_pbx_device_event>(PORTIER_PBX_EV_DEVICE)) last[d.device] = d;
   return last;
}

inline bool wait_state(Rig &rig, const std::string &device, std::int32_t state) {
   return rig.host.wait([&] { return rig.state_is(device, state); });
}

// Monitors `device` and waits until its first state arrived.
inline void watch(Rig &rig, const std::string &device, std::uint64_t correlation) {
   rig.monitor(device.c_str(), correlation);
   REQUIRE(rig.host.wait([&] { return !rig.states_of(device).empty(); }));
}

}  // namespace e2e
