// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>

#include "channels.h"

using namespace portier::trunk;

TEST_CASE("10 channels with ratio 3 give 6 processing and 4 operational channels") {
   const auto plan = plan_channels(10, 3);
   REQUIRE(plan.ok());
   CHECK(plan.value() == ChannelPlan{10, 6, 4});
}

TEST_CASE("processing rounds down so the two reserved channels always stay operational") {
   CHECK(plan_channels(120, 3).value() == ChannelPlan{120, 88, 32});  // 118 * 3 / 4 = 88.5
   CHECK(plan_channels(250, 5).value() == ChannelPlan{250, 206, 44});
   CHECK(plan_channels(4, 1).value() == ChannelPlan{4, 1, 3});
   CHECK(plan_channels(3, 1).message().find("leave no processing channel") != std::string::npos);
   CHECK_FALSE(plan_channels(2, 3).ok());
}

TEST_CASE("channels 10, ratio 3: the sixth call raises the alert, the seventh goes to the engine over the share") {
   Channels channels(plan_channels(10, 3).value());
   for (int call = 1; call <= 5; ++call) {
      const Admission a = channels.admit_incoming(NumberKind::pilot);
      REQUIRE(a.admitted);
      CHECK_FALSE(a.alert);
      CHECK_FALSE(a.over_share);
   }
   const Admission sixth = channels.admit_incoming(NumberKind::pilot);
   CHECK(sixth.admitted);
   CHECK(sixth.alert);
   CHECK_FALSE(sixth.over_share);
   // The trunk has no overload rule of its own: the engine applies the DDI entry's.
   const Admission seventh = channels.admit_incoming(NumberKind::pilot);
   CHECK(seventh.admitted);
   CHECK(seventh.over_share);
   CHECK_FALSE(seventh.alert);  // already raised
   const ChannelCounters c = channels.counters();
   CHECK(c.processing_in_use == 7);
   CHECK(c.in_use == 7);
   CHECK(c.plan.processing == 6);
   CHECK(c.alert);
   // The engine refused it: its channel is free again and the share is full, not over.
   channels.release(ChannelKind::processing);
   CHECK(channels.counters().processing_in_use == 6);
}

TEST_CASE("a trunk with no channel left at all refuses a new call itself with 486") {
   Channels channels(plan_channels(4, 1).value());  // 1 processing, 3 operational
   REQUIRE(channels.admit_incoming(NumberKind::pilot).admitted);
   REQUIRE(channels.admit_incoming(NumberKind::personal_line).over_share);
   REQUIRE(channels.take_operational());
   REQUIRE(channels.admit_incoming(NumberKind::callback).over_share);
   CHECK(channels.counters().in_use == 4);
   const Admission fifth = channels.admit_incoming(NumberKind::pilot);
   CHECK_FALSE(fifth.admitted);
   CHECK(fifth.sip_status == 486);
   // and the calls over the share left no operational channel either
   CHECK_FALSE(channels.take_operational());
   CHECK(channels.counters().in_use == 4);
}

TEST_CASE("operational channels are counted apart and are not taken by incoming service calls") {
   Channels channels(plan_channels(10, 3).value());
   for (int i = 0; i < 6; ++i) REQUIRE(channels.admit_incoming(NumberKind::pilot).admitted);
   // processing is full, yet moves and second legs still have their 4 channels
   const Admission request = channels.admit_incoming(NumberKind::request);
   CHECK(request.admitted);
   CHECK(request.kind == ChannelKind::operational);
   CHECK(channels.take_operational());
   CHECK(channels.take_operational());
   CHECK(channels.take_operational());
   CHECK_FALSE(channels.take_operational());
   const Admission loop = channels.admit_incoming(NumberKind::loop);
   CHECK_FALSE(loop.admitted);
   CHECK(loop.sip_status == 486);  // overload rules are for processing channels only
   CHECK(channels.counters().operational_in_use == 4);
   CHECK(channels.counters().in_use == 10);
}

TEST_CASE("a released channel admits the next call, and the alert fires again after falling below") {
   Channels channels(plan_channels(10, 3).value());
   for (int i = 0; i < 6; ++i) REQUIRE(channels.admit_incoming(NumberKind::pilot).admitted);
   channels.release(ChannelKind::processing);
   CHECK_FALSE(channels.counters().alert);
   const Admission again = channels.admit_incoming(NumberKind::pilot);
   CHECK(again.admitted);
   CHECK(again.alert);
   channels.release(ChannelKind::operational);  // none taken: ignored
   CHECK(channels.counters().operational_in_use == 0);
}

TEST_CASE("a smaller plan after a reload keeps the calls held and refuses new ones") {
   Channels channels(plan_channels(10, 3).value());
   for (int i = 0; i < 6; ++i) REQUIRE(channels.admit_incoming(NumberKind::pilot).admitted);
   channels.replan(plan_channels(6, 3).value());  // 3 processing
   CHECK(channels.counters().processing_in_use == 6);
   CHECK_FALSE(channels.admit_incoming(NumberKind::pilot).admitted);
   for (int i = 0; i < 4; ++i) channels.release(ChannelKind::processing);
   CHECK(channels.admit_incoming(NumberKind::pilot).admitted);
}

TEST_CASE("the alert threshold is 90 percent rounded up") {
   CHECK(alert_threshold(ChannelPlan{10, 6, 4}) == 6);
   CHECK(alert_threshold(ChannelPlan{120, 88, 32}) == 80);
   CHECK(alert_threshold(ChannelPlan{4, 1, 3}) == 1);
   CHECK(alert_threshold(ChannelPlan{0, 10, 0}) == 9);
}
