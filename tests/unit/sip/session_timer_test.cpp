// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>

#include "session_timer.h"

using namespace portier::sip;

TEST_CASE("Session-Expires with a refresher parameter is read") {
   auto se = parse_session_expires("1800; refresher=UAC");
   REQUIRE(se);
   CHECK(se->seconds == 1800);
   CHECK(se->refresher == Refresher::uac);
   CHECK_FALSE(parse_session_expires("soon"));
   CHECK(parse_min_se("90;x=1") == 90u);
   CHECK(lists_timer("100rel, Timer"));
   CHECK_FALSE(lists_timer("100rel, timers"));
}

TEST_CASE("an interval below our Min-SE is refused with 422 naming our Min-SE") {
   SessionTimerAnswer answer = answer_session_timer({std::string("60"), std::nullopt, true}, {120, 1800});
   CHECK(answer.reject_status == 422);
   CHECK(answer.min_se == 120);
}

TEST_CASE("the UAC's interval and refresher are kept when acceptable") {
   SessionTimerAnswer answer = answer_session_timer({std::string("900;refresher=uac"), std::nullopt, true});
   CHECK(answer.reject_status == 0);
   CHECK(answer.use_timer);
   CHECK(answer.interval == 900);
   CHECK(answer.refresher == Refresher::uac);
   CHECK(answer.require_timer);
   CHECK(answer.session_expires_value() == "900;refresher=uac");
}

TEST_CASE("a UAC that supports timers but names no refresher is made the refresher") {
   SessionTimerAnswer answer = answer_session_timer({std::string("1800"), std::nullopt, true});
   CHECK(answer.refresher == Refresher::uac);
}

TEST_CASE("a UAC without timer support leaves the refreshing to us") {
   SessionTimerAnswer answer = answer_session_timer({std::nullopt, std::nullopt, false}, {90, 1800});
   CHECK(answer.use_timer);
   CHECK(answer.interval == 1800);
   CHECK(answer.refresher == Refresher::uas);
   CHECK_FALSE(answer.require_timer);
}

TEST_CASE("a long interval is lowered to ours but never below the UAC's Min-SE") {
   SessionTimerAnswer answer = answer_session_timer({std::string("7200"), std::string("3600"), true}, {90, 1800});
   CHECK(answer.interval == 3600);
}

TEST_CASE("refresh at half the interval, give up at interval minus min(32, a third)") {
   CHECK(refresh_after(1800) == std::chrono::seconds(900));
   CHECK(give_up_after(1800) == std::chrono::seconds(1768));
   CHECK(give_up_after(90) == std::chrono::seconds(60));
}
