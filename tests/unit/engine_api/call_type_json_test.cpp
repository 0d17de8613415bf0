// SPDX-License-Identifier: GPL-3.0-or-later
// Call types, original destinations and channel alerts in the JSON front ends see.
#include <catch2/catch.hpp>

#include "engine/api/client_api.h"
#include "engine/runtime/sim_timers.h"
#include "api_rig.h"

namespace portier::engine::test {
using JsonRig = ApiRig;
using nlohmann::json;

TEST_CASE("call_queued names the call type and, for a diverted call, the original destination and reason",
          "[engine_api]") {
   JsonRig rig;
   IncomingCall call{"c1", "+4989555", kPilot, "+498970074711"};
   call.original_called = "+498970074711";
   call.diversion = DiversionReason::no_reply;
   rig.engine.on_incoming(call);
   rig.timers.advance(1000);
   const json queued = rig.last("call_queued");
   REQUIRE(queued.is_object());
   CHECK(queued["call_type"] == "forwarding_no_reply");
   CHECK(queued["original_destination"] == "+498970074711");
   CHECK(queued["diversion"] == "no_reply");
}

TEST_CASE("call_queued of a direct call is main and has no original destination", "[engine_api]") {
   JsonRig rig;
   rig.engine.on_incoming(IncomingCall{"c1", "+4989555", kPilot, ""});
   rig.timers.advance(1000);
   const json queued = rig.last("call_queued");
   CHECK(queued["call_type"] == "main");
   CHECK(queued["waiting_ms"] == 1000);  // rang for the ring time before it was queued
   CHECK_FALSE(queued.contains("original_destination"));
   CHECK_FALSE(queued.contains("diversion"));
}

TEST_CASE("the snapshot shows each call's type and original destination and the channel level", "[engine_api]") {
   JsonRig rig;
   IncomingCall call{"c1", "+4989555", kPilot, "+498970074711"};
   call.diversion = DiversionReason::busy;
   rig.engine.on_incoming(call);
   rig.engine.on_channels(80, 120);
   const json snap = snapshot_json(rig.engine, rig.timers.now_ms());
   REQUIRE(snap["calls"].size() == 1);
   CHECK(snap["calls"][0]["call_type"] == "forwarding_busy");
   CHECK(snap["calls"][0]["original_destination"] == "+498970074711");
   CHECK(snap["calls"][0]["diversion"] == "busy");
   CHECK(snap["channel_level"] == "alert");
}

TEST_CASE("a channel alert reaches front ends with its level and counts", "[engine_api]") {
   JsonRig rig;
   rig.engine.on_channels(10, 10);
   const json alert = rig.last("channel_alert");
   REQUIRE(alert.is_object());
   CHECK(alert == json{{"type", "event"}, {"event", "channel_alert"}, {"level", "full"},
                       {"in_use", 10}, {"total", 10}, {"processing", 6}});
}

TEST_CASE("a call refused for overload ends rejected with overload true", "[engine_api]") {
   JsonRig rig;
   rig.engine.on_channels(3, 3);  // 3 channels with ratio 3: 0 processing, never overloaded
   rig.engine.on_channels(4, 4);  // 4 channels: 1 processing
   rig.engine.on_incoming(IncomingCall{"c1", "+4989555", kPilot, ""});
   rig.engine.on_incoming(IncomingCall{"c2", "+4989556", kPilot, ""});
   const json ended = rig.last("call_ended");
   REQUIRE(ended.is_object());
   CHECK(ended["call_id"] == "c2");
   CHECK(ended["reason"] == "rejected");
   CHECK(ended["overload"] == true);
}

}  // namespace portier::engine::test
