// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>

#include <portier/csta/builders.h>
#include <portier/csta/parser.h>
#include <portier/csta/server_builders.h>

#include "app_session.h"

using namespace portier;
using namespace portier::osv;

namespace {
template <typename T>
T round_trip(const T &message) {
   const auto parsed = csta::parse_message(csta::build(message));
   REQUIRE(parsed.message);
   const T *same = std::get_if<T>(&*parsed.message);
   REQUIRE(same != nullptr);
   return *same;
}
constexpr std::int64_t kSecond = 1000000;
}  // namespace

TEST_CASE("the ECMA-354 session messages build and parse back equal") {
   CHECK(round_trip(csta::ResetApplicationSessionTimer{"s-1", 300}) == csta::ResetApplicationSessionTimer{"s-1", 300});
   CHECK(round_trip(csta::ResetApplicationSessionTimerPosResponse{120}).session_duration == 120);
   CHECK(round_trip(csta::ResetApplicationSessionTimerNegResponse{"invalidSessionID"}).error == "invalidSessionID");
   CHECK(round_trip(csta::StopApplicationSession{"s-1", "normal"}) == csta::StopApplicationSession{"s-1", "normal"});
   (void)round_trip(csta::StopApplicationSessionPosResponse{});
   CHECK(round_trip(csta::StopApplicationSessionNegResponse{"invalidSessionID"}).error == "invalidSessionID");
   CHECK(round_trip(csta::ApplicationSessionTerminated{"s-1", "sessionTimerExpired"}) ==
         csta::ApplicationSessionTerminated{"s-1", "sessionTimerExpired"});
}

TEST_CASE("the session requests are in the ECMA-354 namespace with the standard's element order") {
   const std::string reset = csta::build(csta::ResetApplicationSessionTimer{"s-9", 600});
   CHECK(reset.find("xmlns=\"http://www.ecma-international.org/standards/ecma-354/appl_session\"") != std::string::npos);
   CHECK(reset.find("<sessionID>s-9</sessionID><requestedSessionDuration>600</requestedSessionDuration>") !=
         std::string::npos);
   const std::string stop = csta::build(csta::StopApplicationSession{"s-9", "normal"});
   CHECK(stop.find("<sessionID>s-9</sessionID><sessionEndReason><definedEndReason>normal</definedEndReason>"
                   "</sessionEndReason>") != std::string::npos);
}

TEST_CASE("a granted session is reset at half the duration the switch granted") {
   AppSession session("Portier", 600);
   const auto answer = csta::parse_message(csta::build(csta::StartApplicationSessionPosResponse{"s-1", csta::kNamespaceEd4, 60}));
   REQUIRE(answer.message);
   CHECK(session.started(*answer.message, 10 * kSecond) == "");
   CHECK(session.id() == "s-1");
   CHECK(session.duration_s() == 60);
   CHECK(!session.reset_due(39 * kSecond));
   CHECK(session.reset_due(40 * kSecond));
   const std::string reset = session.reset_request(40 * kSecond);
   CHECK(reset.find("<sessionID>s-1</sessionID>") != std::string::npos);
   CHECK(!session.reset_due(69 * kSecond));
   CHECK(session.reset_due(70 * kSecond));
}

TEST_CASE("a refused session start reports the switch's defined error") {
   AppSession session("Portier", 600);
   const auto answer = csta::parse_message(csta::build(csta::StartApplicationSessionNegResponse{"invalidApplicationInfo"}));
   REQUIRE(answer.message);
   CHECK(session.started(*answer.message, 0) == "StartApplicationSession refused: invalidApplicationInfo");
   CHECK(!session.active());
   const auto error = csta::parse_message(csta::build(csta::CstaError{"operation", "generic"}));
   CHECK(session.started(*error.message, 0) == "StartApplicationSession refused: operation: generic");
}

TEST_CASE("a refused timer reset is reported, a shorter granted duration moves the next reset") {
   AppSession session("Portier", 600);
   auto granted = csta::parse_message(csta::build(csta::StartApplicationSessionPosResponse{"s-2", csta::kNamespaceEd4, 600}));
   REQUIRE(session.started(*granted.message, 0) == "");
   auto shorter = csta::parse_message(csta::build(csta::ResetApplicationSessionTimerPosResponse{100}));
   CHECK(session.reset_answered(*shorter.message, 300 * kSecond) == "");
   CHECK(session.reset_due(350 * kSecond));
   auto refused = csta::parse_message(csta::build(csta::ResetApplicationSessionTimerNegResponse{"invalidSessionID"}));
   CHECK(session.reset_answered(*refused.message, 0) == "ResetApplicationSessionTimer refused: invalidSessionID");
}
