// SPDX-License-Identifier: GPL-3.0-or-later
// Overload and alerts: the trunk's channel reports give the level (alert at 90 % of the
// processing channels, full at 100 %), sent on changes; while the calls held fill the processing
// channels, a new call gets its DDI entry's overload rule, and calls held are never touched.
#include <catch2/catch.hpp>

#include "engine/runtime/overload.h"
#include "engine_fixture.h"

using namespace portier::engine;
using namespace portier::engine::test;

namespace {

// 10 channels with ratio 3: 6 processing channels (the manual's example).
constexpr std::uint32_t kTotal = 10;

void fill(EngineFixture &f, int calls) {
   for (int i = 1; i <= calls; ++i) f.incoming("c" + std::to_string(i), kMain);
}

}  // namespace

TEST_CASE("the processing channels follow the manual's ratio formula with two reserved channels",
          "[engine][overload]") {
   CHECK(processing_channels(10, 3) == 6);
   CHECK(processing_channels(120, 3) == 88);
   CHECK(processing_channels(250, 1) == 124);
   CHECK(processing_channels(2, 3) == 0);
   CHECK(processing_channels(0, 3) == 0);
   CHECK(processing_channels(10, 0) == 0);
}

TEST_CASE("the channel level is alert from 90 % of the processing channels and full at 100 %",
          "[engine][overload]") {
   CHECK(channel_level_for(79, 88) == ChannelLevel::normal);
   CHECK(channel_level_for(80, 88) == ChannelLevel::alert);
   CHECK(channel_level_for(87, 88) == ChannelLevel::alert);
   CHECK(channel_level_for(88, 88) == ChannelLevel::full);
   CHECK(channel_level_for(90, 88) == ChannelLevel::full);
   CHECK(channel_level_for(5, 6) == ChannelLevel::normal);
   CHECK(channel_level_for(6, 6) == ChannelLevel::full);
   CHECK(channel_level_for(3, 0) == ChannelLevel::normal);  // no plan known
}

TEST_CASE("a channel alert is sent when the level changes and only then", "[engine][overload]") {
   EngineFixture f;
   f.start();
   f.engine->on_channels(79, 120);
   CHECK(f.events_of<ChannelAlert>().empty());
   f.engine->on_channels(80, 120);
   f.engine->on_channels(81, 120);
   f.engine->on_channels(88, 120);
   f.engine->on_channels(88, 120);
   f.engine->on_channels(40, 120);
   const auto alerts = f.events_of<ChannelAlert>();
   REQUIRE(alerts.size() == 3);
   CHECK(alerts[0].level == ChannelLevel::alert);
   CHECK(alerts[0].in_use == 80);
   CHECK(alerts[0].total == 120);
   CHECK(alerts[0].processing == 88);
   CHECK(alerts[1].level == ChannelLevel::full);
   CHECK(alerts[2].level == ChannelLevel::normal);
   CHECK(f.engine->channel_level() == ChannelLevel::normal);
}

TEST_CASE("the legs the engine placed are not counted against the processing channels", "[engine][overload]") {
   EngineFixture f;
   f.start();
   f.connected_call("c1");  // one caller, one attendant leg
   f.engine->on_channels(6, kTotal);  // 5 callers + the leg
   CHECK(f.events_of<ChannelAlert>().empty());
   f.engine->on_channels(7, kTotal);  // 6 callers + the leg
   REQUIRE(f.events_of<ChannelAlert>().size() == 1);
   CHECK(f.events_of<ChannelAlert>()[0].level == ChannelLevel::full);
}

TEST_CASE("the channel ratio set for the trunk splits its channels", "[engine][overload]") {
   EngineFixture f;
   f.start();
   f.engine->set_channel_ratio(1);  // 10 channels: 4 processing
   f.engine->on_channels(4, kTotal);
   REQUIRE(f.events_of<ChannelAlert>().size() == 1);
   CHECK(f.events_of<ChannelAlert>()[0].processing == 4);
   CHECK(f.events_of<ChannelAlert>()[0].level == ChannelLevel::full);
}

TEST_CASE("while the calls held fill the processing channels a new call to a pilot is rejected busy",
          "[engine][overload]") {
   EngineFixture f;
   f.start();
   fill(f, 6);
   f.engine->on_channels(6, kTotal);
   f.incoming("c7", kMain);
   const auto rejects = f.trunk.of("reject", "c7");
   REQUIRE(rejects.size() == 1);
   CHECK(rejects[0].status == 486);
   CHECK_FALSE(f.trunk.has("ring", "c7"));
   CHECK(f.engine->find_call("c7") == nullptr);
   const auto ended = f.ended("c7");
   REQUIRE(ended.size() == 1);
   CHECK(ended[0].reason == EndReason::rejected);
   CHECK(ended[0].overload);
   CHECK(ended[0].queue == kMain);
}

TEST_CASE("overload never touches the calls already held", "[engine][overload]") {
   EngineFixture f;
   f.start();
   fill(f, 6);
   f.engine->on_channels(6, kTotal);
   const std::size_t commands_before = f.trunk.commands.size();
   f.incoming("c7", kMain);
   f.incoming("c8", kMainExtra);
   // Only the two refusals: nothing for c1..c6.
   REQUIRE(f.trunk.commands.size() == commands_before + 2);
   f.clock.advance(3000);
   CHECK(f.engine->call_count() == 6);
   CHECK(f.engine->queue_order(kMain, false) == std::vector<std::string>{"c1", "c2", "c3", "c4", "c5", "c6"});
   for (int i = 1; i <= 6; ++i) CHECK(f.ended("c" + std::to_string(i)).empty());
   CHECK(f.engine->audit().empty());
}

TEST_CASE("an overload rule forwarding the trunk cannot redirect gives busy and says so", "[engine][overload]") {
   EngineFixture f;
   f.data.ddi[0].overload = OverloadRule::forwarding;
   f.data.ddi[0].overload_destination = "+4930999";
   f.trunk.can_redirect = false;  // a trunk whose portier.trunk/1 table predates redirect
   f.start();
   fill(f, 6);
   f.engine->on_channels(6, kTotal);
   f.incoming("c7", kMain);
   const auto rejects = f.trunk.of("reject", "c7");
   REQUIRE(rejects.size() == 1);
   CHECK(rejects[0].status == 486);
   bool noted = false;
   for (const EngineNote &n : f.events_of<EngineNote>())
      noted = noted || (n.call_id == "c7" && n.text.find("+4930999") != std::string::npos);
   CHECK(noted);
}

TEST_CASE("a call whose channel the trunk reported before offering it is still taken", "[engine][overload]") {
   EngineFixture f;
   f.start();
   fill(f, 5);
   f.engine->on_channels(6, kTotal);  // the trunk counts the sixth call already
   f.incoming("c6", kMain);
   CHECK(f.trunk.has("ring", "c6"));
   CHECK_FALSE(f.trunk.has("reject", "c6"));
   CHECK(f.engine->call_count() == 6);
}

TEST_CASE("a call to a personal line at 100 % is rejected busy too", "[engine][overload]") {
   EngineFixture f;
   f.start();
   REQUIRE(f.log_on("anna", "+4930501", {kMain}, "+4930601", false) == Outcome::ok);
   fill(f, 6);
   f.engine->on_channels(6, kTotal);
   f.incoming("p1", "+4930601");
   const auto rejects = f.trunk.of("reject", "p1");
   REQUIRE(rejects.size() == 1);
   CHECK(rejects[0].status == 486);
   REQUIRE(f.ended("p1").size() == 1);
   CHECK(f.ended("p1")[0].personal);
}

TEST_CASE("a call to an unknown number at 100 % is still rejected 404, not as overload", "[engine][overload]") {
   EngineFixture f;
   f.start();
   fill(f, 6);
   f.engine->on_channels(6, kTotal);
   f.incoming("x1", "+4930777");
   REQUIRE(f.trunk.of("reject", "x1").size() == 1);
   CHECK(f.trunk.of("reject", "x1")[0].status == 404);
   CHECK_FALSE(f.ended("x1")[0].overload);
}

TEST_CASE("when a held call ends a new call is taken again", "[engine][overload]") {
   EngineFixture f;
   f.start();
   fill(f, 6);
   f.engine->on_channels(6, kTotal);
   f.engine->on_ended("c1", 0);
   f.engine->on_channels(5, kTotal);
   f.incoming("c7", kMain);
   CHECK(f.trunk.has("ring", "c7"));
   CHECK_FALSE(f.trunk.has("reject", "c7"));
}

TEST_CASE("before the trunk reports its channels no call is refused for overload", "[engine][overload]") {
   EngineFixture f;
   f.start();
   fill(f, 20);
   CHECK(f.engine->call_count() == 20);
   CHECK(f.trunk.of("reject").empty());
}

TEST_CASE("a parked call is picked up at its callback number even at 100 %", "[engine][overload]") {
   EngineFixture f;
   f.start();
   f.connected_call("c1");
   REQUIRE(f.engine->park("anna", "c1") == Outcome::ok);
   for (int i = 2; i <= 6; ++i) f.incoming("c" + std::to_string(i), kMain);
   f.engine->on_channels(6, kTotal);
   f.incoming("pickup", kCallback0, "+4930555");
   CHECK_FALSE(f.trunk.has("reject", "pickup"));
   REQUIRE(f.ended("c1").size() == 1);
   CHECK(f.ended("c1")[0].reason == EndReason::transferred);
}
