// SPDX-License-Identifier: GPL-3.0-or-later
// The host's side of the DDI overload rule: the trunk's CHANNEL_SPLIT gives the processing
// share (the ratio setting only for a trunk that sends plain CHANNELS), and the adapter redirects
// through the table's appended `redirect` only when the table is long enough to have it.
#include <catch2/catch.hpp>

#include <cstddef>
#include <string>

#include <portier/kind/trunk.h>

#include "host_rig.h"
#include "pilot_data.h"

namespace portier::engine::test {
namespace {

constexpr const char *kBusyPilot = "+4930100";
constexpr const char *kForwardPilot = "+4930200";
constexpr const char *kOverflow = "+4930999";

EngineData two_entries() {
   EngineData data = pilot_data(kBusyPilot);
   data.tenants[0].times.default_ring_time_ms = 1000;
   data.ddi[0].overload = OverloadRule::busy;
   DdiEntry forward = data.ddi[0];
   forward.pilot_number = kForwardPilot;
   forward.overload = OverloadRule::forwarding;
   forward.overload_destination = kOverflow;
   data.ddi.push_back(forward);
   return data;
}

struct OverloadRig : HostRig {
   OverloadRig() : HostRig(two_entries()) {}
   void channels(std::uint32_t in_use, std::uint32_t total) {
      portier_trunk_channels_event ch{};
      ch.header = PORTIER_EVENT_HEADER_INIT(portier_trunk_channels_event, PORTIER_SPACE_TRUNK, PORTIER_TRUNK_EV_CHANNELS);
      ch.in_use = in_use;
      ch.total = total;
      REQUIRE(route_trunk_event(ch.header, *engine, adapter) == TrunkEventUse::engine);
   }
   TrunkEventUse split(std::uint32_t in_use, std::uint32_t total, std::uint32_t processing_in_use,
                       std::uint32_t processing_total, std::uint32_t size = sizeof(portier_trunk_channel_split_event)) {
      portier_trunk_channel_split_event ev{};
      ev.header = PORTIER_EVENT_HEADER_INIT(portier_trunk_channel_split_event, PORTIER_SPACE_TRUNK,
                                            PORTIER_TRUNK_EV_CHANNEL_SPLIT);
      ev.header.struct_size = size;
      ev.in_use = in_use;
      ev.total = total;
      ev.processing_in_use = processing_in_use;
      ev.processing_total = processing_total;
      return route_trunk_event(ev.header, *engine, adapter);
   }
   std::vector<ChannelAlert> alerts() const {
      std::vector<ChannelAlert> found;
      for (const EngineEvent &e : events)
         if (const auto *a = std::get_if<ChannelAlert>(&e)) found.push_back(*a);
      return found;
   }
};

}  // namespace

TEST_CASE("a CHANNEL_SPLIT record sets the processing total and the plain CHANNELS after it is ignored",
          "[engine_host][overload]") {
   OverloadRig rig;
   rig.engine->set_channel_ratio(3);  // 10 channels would give 6 processing ones
   REQUIRE(rig.split(1, 10, 1, 1) == TrunkEventUse::engine);
   rig.channels(1, 10);
   const auto alerts = rig.alerts();
   REQUIRE(alerts.size() == 1);
   CHECK(alerts[0].processing == 1);
   CHECK(alerts[0].level == ChannelLevel::full);
   CHECK(rig.engine->channel_level() == ChannelLevel::full);
}

TEST_CASE("a trunk that sends only CHANNELS is split by the ratio setting", "[engine_host][overload]") {
   OverloadRig rig;
   rig.engine->set_channel_ratio(channel_ratio_setting(R"({"channels": 10, "ratio": 1})"));  // 4 processing
   rig.channels(4, 10);
   const auto alerts = rig.alerts();
   REQUIRE(alerts.size() == 1);
   CHECK(alerts[0].processing == 4);
   CHECK(alerts[0].level == ChannelLevel::full);
}

TEST_CASE("a CHANNEL_SPLIT record shorter than its type is malformed and changes nothing",
          "[engine_host][overload]") {
   OverloadRig rig;
   CHECK(rig.split(1, 10, 1, 1, sizeof(portier_trunk_channel_split_event) - 4) == TrunkEventUse::malformed);
   CHECK(rig.alerts().empty());
   rig.channels(6, 10);  // still split by the ratio: 6 of 6
   REQUIRE(rig.alerts().size() == 1);
   CHECK(rig.alerts()[0].processing == 6);
}

TEST_CASE("at overload the adapter redirects a forwarding entry's call through the table's redirect",
          "[engine_host][overload]") {
   OverloadRig rig;
   rig.split(1, 4, 1, 1);
   rig.incoming_to("in-1", kBusyPilot);  // holds the one processing channel
   rig.incoming_to("in-2", kForwardPilot);
   rig.incoming_to("in-3", kBusyPilot);
   const TrunkCall *redirect = rig.trunk.last("redirect", "in-2");
   REQUIRE(redirect != nullptr);
   CHECK(redirect->op == std::string("redirect ") + kOverflow);
   CHECK(rig.trunk.last("reject", "in-2") == nullptr);
   const TrunkCall *busy = rig.trunk.last("reject", "in-3");
   REQUIRE(busy != nullptr);
   CHECK(busy->op == "reject 486");
   CHECK(rig.trunk.last("redirect", "in-3") == nullptr);
}

TEST_CASE("a trunk table from before redirect gets 486 for a forwarding entry's call, redirect is never read",
          "[engine_host][overload]") {
   OverloadRig rig;
   rig.trunk.table.struct_size = static_cast<std::uint32_t>(offsetof(portier_trunk_v1, redirect));
   rig.split(1, 4, 1, 1);
   rig.incoming_to("in-1", kBusyPilot);
   rig.incoming_to("in-2", kForwardPilot);
   CHECK(rig.trunk.last("redirect", "in-2") == nullptr);
   const TrunkCall *busy = rig.trunk.last("reject", "in-2");
   REQUIRE(busy != nullptr);
   CHECK(busy->op == "reject 486");
   CHECK(rig.failures.empty());
}

TEST_CASE("a redirect the trunk refuses leaves the caller refused busy, not ringing", "[engine_host][overload]") {
   OverloadRig rig;
   rig.trunk.refuse.insert("redirect");
   rig.split(1, 4, 1, 1);
   rig.incoming_to("in-1", kBusyPilot);
   rig.incoming_to("in-2", kForwardPilot);
   rig.advance_ms(1);
   REQUIRE(rig.failures.size() == 1);
   CHECK(rig.failures[0].command == TrunkCommand::redirect);
   CHECK(describe(rig.failures[0]).find("redirect to +4930999 failed") != std::string::npos);
   const TrunkCall *busy = rig.trunk.last("reject", "in-2");
   REQUIRE(busy != nullptr);
   CHECK(busy->op == "reject 486");
}

}  // namespace portier::engine::test
