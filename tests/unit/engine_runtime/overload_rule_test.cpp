// SPDX-License-Identifier: GPL-3.0-or-later
// The DDI entry's overload rule is the only one: the engine carries out busy (486) and
// forwarding (302 through the trunk's redirect), with the trunk's own channel split when it
// reports one and the channel ratio only for a trunk that does not.
#include <catch2/catch.hpp>

#include "engine_fixture.h"

using namespace portier::engine;
using namespace portier::engine::test;

namespace {

constexpr const char *kOverflow = "+4930999";

// Six calls hold the six processing channels of 10 channels with ratio 3.
void fill_six(EngineFixture &f) {
   for (int i = 1; i <= 6; ++i) f.incoming("c" + std::to_string(i), kMain);
   f.engine->on_channels(6, 10);
}

bool noted(const EngineFixture &f, const std::string &call_id, const std::string &part) {
   for (const EngineNote &n : f.events_of<EngineNote>())
      if (n.call_id == call_id && n.text.find(part) != std::string::npos) return true;
   return false;
}

}  // namespace

TEST_CASE("overload forwarding redirects the new call to the entry's destination", "[engine][overload]") {
   EngineFixture f;
   f.data.ddi[0].overload = OverloadRule::forwarding;
   f.data.ddi[0].overload_destination = kOverflow;
   f.start();
   fill_six(f);
   f.incoming("c7", kMain);
   const auto redirects = f.trunk.of("redirect", "c7");
   REQUIRE(redirects.size() == 1);
   CHECK(redirects[0].other == kOverflow);
   CHECK_FALSE(f.trunk.has("reject", "c7"));
   CHECK_FALSE(f.trunk.has("ring", "c7"));
   CHECK(f.engine->find_call("c7") == nullptr);
   CHECK(noted(f, "c7", "forwarding to +4930999 (302)"));
   // Statistics count it as refused for overload, like a busy one.
   const auto ended = f.ended("c7");
   REQUIRE(ended.size() == 1);
   CHECK(ended[0].reason == EndReason::rejected);
   CHECK(ended[0].overload);
   CHECK(ended[0].queue == kMain);
}

TEST_CASE("overload busy rejects the new call with 486 and redirects nothing", "[engine][overload]") {
   EngineFixture f;
   f.data.ddi[0].overload = OverloadRule::busy;
   f.data.ddi[0].overload_destination = kOverflow;  // ignored: the rule is busy
   f.start();
   fill_six(f);
   f.incoming("c7", kMain);
   REQUIRE(f.trunk.of("reject", "c7").size() == 1);
   CHECK(f.trunk.of("reject", "c7")[0].status == 486);
   CHECK(f.trunk.of("redirect").empty());
   CHECK(noted(f, "c7", "busy (486)"));
   REQUIRE(f.ended("c7").size() == 1);
   CHECK(f.ended("c7")[0].overload);
}

TEST_CASE("an old trunk without redirect gets 486 for a forwarding entry, with a note", "[engine][overload]") {
   EngineFixture f;
   f.data.ddi[0].overload = OverloadRule::forwarding;
   f.data.ddi[0].overload_destination = kOverflow;
   f.trunk.can_redirect = false;
   f.start();
   fill_six(f);
   f.incoming("c7", kMain);
   CHECK(f.trunk.of("redirect").empty());
   REQUIRE(f.trunk.of("reject", "c7").size() == 1);
   CHECK(f.trunk.of("reject", "c7")[0].status == 486);
   CHECK(noted(f, "c7", "cannot redirect"));
   REQUIRE(f.ended("c7").size() == 1);
   CHECK(f.ended("c7")[0].overload);
}

TEST_CASE("a trunk's own channel split sets the processing share instead of the ratio", "[engine][overload]") {
   EngineFixture f;
   f.start();
   // 10 channels would give 6 with ratio 3; the trunk says 2 of its 10 are for callers.
   f.engine->on_channel_split(2, 10, 2, 2);
   REQUIRE(f.events_of<ChannelAlert>().size() == 1);
   CHECK(f.events_of<ChannelAlert>()[0].processing == 2);
   CHECK(f.events_of<ChannelAlert>()[0].level == ChannelLevel::full);
   // Its plain CHANNELS after each split change nothing.
   f.engine->on_channels(0, 10);
   CHECK(f.engine->channel_level() == ChannelLevel::full);
   f.incoming("c1", kMain);
   f.incoming("c2", kMain);
   f.incoming("c3", kMain);
   CHECK(f.trunk.has("ring", "c2"));
   REQUIRE(f.trunk.of("reject", "c3").size() == 1);
   CHECK(f.trunk.of("reject", "c3")[0].status == 486);
}

TEST_CASE("a re-attached trunk falls back to the ratio until it sends its split again", "[engine][overload]") {
   EngineFixture f;
   f.start();
   f.engine->on_channel_split(2, 10, 2, 2);
   f.engine->set_channel_ratio(3);  // what the host does when it attaches a trunk
   f.engine->on_channels(4, 10);    // 4 of 6 processing channels: normal
   CHECK(f.engine->channel_level() == ChannelLevel::normal);
   const auto alerts = f.events_of<ChannelAlert>();
   REQUIRE(alerts.size() == 2);
   CHECK(alerts[1].processing == 6);
}
