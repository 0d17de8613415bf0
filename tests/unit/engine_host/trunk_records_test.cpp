// SPDX-License-Identifier: GPL-3.0-or-later
// Trunk records that carry diversion data and channel use, as the engine receives them.
#include <catch2/catch.hpp>

#include <memory>
#include <vector>

#include <portier/kind/pbx.h>
#include <portier/kind/trunk.h>

#include "engine/host/trunk_adapter.h"
#include "engine/host/trunk_events.h"
#include "engine/runtime/sim_timers.h"

#include "pilot_data.h"

namespace portier::engine::test {
namespace records {

constexpr const char *kPilot = "+4930100";

EngineData one_entry() {
   EngineData data = pilot_data(kPilot);
   data.tenants[0].times.default_ring_time_ms = 1000;
   return data;
}

// An engine behind an adapter with no trunk attached: its commands fail quietly, its events
// are what the records caused.
struct RecordRig {
   SimTimers clock;
   TrunkAdapter adapter{[](const CommandFailure &) {}};
   std::vector<EngineEvent> events;
   Engine engine{one_entry(), adapter, clock, [this](const EngineEvent &e) { events.push_back(e); }};

   TrunkEventUse incoming(const char *id, std::int32_t cause, const char *diverted_from, const char *original) {
      portier_trunk_incoming_event in{};
      in.header = PORTIER_EVENT_HEADER_INIT(portier_trunk_incoming_event, PORTIER_SPACE_TRUNK, PORTIER_TRUNK_EV_INCOMING);
      portier_copy_str(in.call_id, sizeof in.call_id, id);
      portier_copy_str(in.caller, sizeof in.caller, "+4989555");
      portier_copy_str(in.called, sizeof in.called, kPilot);
      portier_copy_str(in.diverted_from, sizeof in.diverted_from, diverted_from);
      portier_copy_str(in.original_called, sizeof in.original_called, original);
      in.diversion_reason = cause;
      return route_trunk_event(in.header, engine, adapter);
   }
   TrunkEventUse channels(std::uint32_t in_use, std::uint32_t total, std::uint32_t size) {
      portier_trunk_channels_event ch{};
      ch.header = PORTIER_EVENT_HEADER_INIT(portier_trunk_channels_event, PORTIER_SPACE_TRUNK, PORTIER_TRUNK_EV_CHANNELS);
      ch.header.struct_size = size;
      ch.in_use = in_use;
      ch.total = total;
      return route_trunk_event(ch.header, engine, adapter);
   }
   template <typename T>
   std::vector<T> of() const {
      std::vector<T> found;
      for (const EngineEvent &e : events)
         if (const T *t = std::get_if<T>(&e)) found.push_back(*t);
      return found;
   }
};

}  // namespace records

using records::RecordRig;

TEST_CASE("the SDK's diversion causes map to the engine's diversion reasons", "[engine_host]") {
   CHECK(diversion_reason(0) == DiversionReason::none);
   CHECK(diversion_reason(PORTIER_PBX_FORWARD_UNCONDITIONAL) == DiversionReason::unconditional);
   CHECK(diversion_reason(PORTIER_PBX_FORWARD_BUSY) == DiversionReason::busy);
   CHECK(diversion_reason(PORTIER_PBX_FORWARD_NO_ANSWER) == DiversionReason::no_reply);
   CHECK(diversion_reason(99) == DiversionReason::unknown);
   CHECK(diversion_reason(-1) == DiversionReason::unknown);
}

TEST_CASE("an INCOMING record diverted on busy queues a forwarding busy call with the number first dialled",
          "[engine_host]") {
   RecordRig rig;
   REQUIRE(rig.incoming("in-1", PORTIER_PBX_FORWARD_BUSY, "+4930556", "+4930555") == TrunkEventUse::engine);
   rig.clock.advance(1000);
   const auto queued = rig.of<CallQueued>();
   REQUIRE(queued.size() == 1);
   CHECK(queued[0].call_type == CallType::forwarding_busy);
   CHECK(queued[0].diversion == DiversionReason::busy);
   CHECK(queued[0].original_destination == "+4930555");
}

TEST_CASE("an INCOMING record whose original number is the called one is a main call", "[engine_host]") {
   RecordRig rig;
   REQUIRE(rig.incoming("in-1", 0, "", records::kPilot) == TrunkEventUse::engine);
   rig.clock.advance(1000);
   const auto queued = rig.of<CallQueued>();
   REQUIRE(queued.size() == 1);
   CHECK(queued[0].call_type == CallType::main);
   CHECK(queued[0].original_destination.empty());
}

TEST_CASE("a CHANNELS record reaches the engine and a level change becomes a channel alert", "[engine_host]") {
   RecordRig rig;
   REQUIRE(rig.channels(80, 120, sizeof(portier_trunk_channels_event)) == TrunkEventUse::engine);
   const auto alerts = rig.of<ChannelAlert>();
   REQUIRE(alerts.size() == 1);
   CHECK(alerts[0].level == ChannelLevel::alert);
   CHECK(alerts[0].in_use == 80);
   CHECK(alerts[0].total == 120);
}

TEST_CASE("a CHANNELS record shorter than its type is malformed and not read", "[engine_host]") {
   RecordRig rig;
   CHECK(rig.channels(120, 120, sizeof(portier_trunk_channels_event) - 4) == TrunkEventUse::malformed);
   CHECK(rig.events.empty());
   CHECK(rig.engine.channel_level() == ChannelLevel::normal);
}

TEST_CASE("the channel ratio comes from the trunk plugin's ratio setting, else the default", "[engine_host]") {
   CHECK(channel_ratio_setting(R"({"channels": 10, "ratio": 2})") == 2);
   CHECK(channel_ratio_setting("{}") == kDefaultChannelRatio);
   CHECK(channel_ratio_setting(R"({"ratio": 0})") == kDefaultChannelRatio);
   CHECK(channel_ratio_setting(R"({"ratio": "2"})") == kDefaultChannelRatio);
   CHECK(channel_ratio_setting("not json") == kDefaultChannelRatio);
}

}  // namespace portier::engine::test
