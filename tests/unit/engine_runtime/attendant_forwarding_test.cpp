// SPDX-License-Identifier: GPL-3.0-or-later
// Attendant rule: while an attendant is busy with a call, their phone is forwarded (CFU over the
// pbx plugin) to their personal line; the forwarding goes when they are free or log off.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "engine_fixture.h"
#include "fake_pbx.h"

using namespace portier::engine;
using namespace portier::engine::test;

namespace {

constexpr const char *kCfuPhone = "+4930501";  // anna's workplace (the fixture's connected_call)
constexpr const char *kCfuLine = "+4930610";   // anna's personal line
constexpr const char *kCfuOtherPhone = "+4930502";
constexpr const char *kCfuOtherLine = "+4930611";

using CfuLines = std::vector<std::string>;

std::string cfu_set(const std::string &device, const std::string &line) { return "set " + device + " " + line; }
std::string cfu_clear(const std::string &device) { return "clear " + device; }

// An engine with a PBX link from the start.
struct CfuRig : EngineFixture {
   FakePbx pbx{trunk};

   // Confirms each command at once unless `confirm` is false.
   explicit CfuRig(bool confirm = true) {
      start();
      if (confirm) pbx.confirm_to = engine.get();
      engine->set_pbx(&pbx);
   }
   void anna(const std::string &line = kCfuLine, const std::string &greeting = "") {
      LogOn request;
      request.attendant = "anna";
      request.device = kCfuPhone;
      request.personal_line = line;
      request.pilots = {kMain};
      request.available = true;
      request.greeting = greeting;
      REQUIRE(engine->log_on(request) == Outcome::ok);
   }
   // Where in the trunk's commands the push of `call_id` was placed.
   std::size_t push_index(const std::string &call_id) const {
      for (std::size_t i = 0; i < trunk.commands.size(); ++i) {
         const TrunkCommand &c = trunk.commands[i];
         if (c.kind == "place_call" && c.for_call_id == call_id) return i;
      }
      FAIL("no push of " << call_id);
      return 0;
   }
};

}  // namespace

TEST_CASE("an attendant's phone is forwarded to their personal line while they talk and the forwarding is "
          "removed when the call ends",
          "[engine][forwarding]") {
   CfuRig f;
   f.anna();
   f.connected_call("c1");
   CHECK(f.pbx.lines() == CfuLines{cfu_clear(kCfuPhone), cfu_set(kCfuPhone, kCfuLine)});
   CHECK(f.engine->forwarded_to(kCfuPhone) == kCfuLine);

   f.engine->on_ended("c1", 200);
   CHECK(f.pbx.lines() == CfuLines{cfu_clear(kCfuPhone), cfu_set(kCfuPhone, kCfuLine), cfu_clear(kCfuPhone)});
   CHECK(f.engine->forwarded_to(kCfuPhone).empty());

   // The next call sets it again, and a log-off of a free attendant sends nothing more.
   f.connected_call("c2");
   f.engine->on_ended("c2", 200);
   REQUIRE(f.engine->log_off("anna") == Outcome::ok);
   CHECK(f.pbx.lines() == CfuLines{cfu_clear(kCfuPhone), cfu_set(kCfuPhone, kCfuLine), cfu_clear(kCfuPhone),
                                cfu_set(kCfuPhone, kCfuLine), cfu_clear(kCfuPhone)});
   CHECK(f.engine->audit().empty());
}

TEST_CASE("a log-on switches off a forwarding an earlier run may have left on the phone, once",
          "[engine][forwarding]") {
   CfuRig f;
   f.anna();
   CHECK(f.pbx.lines() == CfuLines{cfu_clear(kCfuPhone)});
   f.engine->set_available("anna", false);
   f.engine->set_available("anna", true);
   CHECK(f.pbx.lines() == CfuLines{cfu_clear(kCfuPhone)});
}

TEST_CASE("a call pushed to the attendant's phone does not forward it while it rings, nor when it is taken back",
          "[engine][forwarding]") {
   CfuRig f;
   f.anna();
   f.queued_call("c1");
   REQUIRE(f.engine->attendant_state(*f.engine->find_attendant("anna")) == AttendantState::offered);
   CHECK(f.pbx.lines() == CfuLines{cfu_clear(kCfuPhone)});  // the log-on's only
   f.clock.advance(20000);  // RNA: taken back, anna unavailable
   REQUIRE(f.engine->attendant_state(*f.engine->find_attendant("anna")) == AttendantState::unavailable);
   CHECK(f.pbx.lines() == CfuLines{cfu_clear(kCfuPhone)});
   CHECK(f.engine->forwarded_to(kCfuPhone).empty());
}

TEST_CASE("an attendant without a personal line is never forwarded", "[engine][forwarding]") {
   CfuRig f;
   f.anna("");
   f.connected_call("c1");
   f.engine->on_ended("c1", 200);
   CHECK(f.pbx.lines() == CfuLines{cfu_clear(kCfuPhone)});
   CHECK(f.engine->forwarded_to(kCfuPhone).empty());
}

TEST_CASE("a greeting already makes the attendant busy: the phone is forwarded once, from the greeting through "
          "the conversation",
          "[engine][forwarding]") {
   CfuRig f;
   f.anna(kCfuLine, "greet-anna");
   f.queued_call("c1");
   const std::string leg = f.leg_of("c1");
   f.engine->on_answered(leg);
   REQUIRE(f.engine->find_call("c1")->phase == CallPhase::greeting);
   CHECK(f.pbx.lines() == CfuLines{cfu_clear(kCfuPhone), cfu_set(kCfuPhone, kCfuLine)});
   f.engine->on_media_done(leg, "greet-anna");
   REQUIRE(f.engine->find_call("c1")->phase == CallPhase::connected);
   CHECK(f.pbx.lines() == CfuLines{cfu_clear(kCfuPhone), cfu_set(kCfuPhone, kCfuLine)});
}

TEST_CASE("the forwarding is removed before the next waiting call is pushed to the phone", "[engine][forwarding]") {
   CfuRig f;
   f.anna();
   f.connected_call("c1");
   f.queued_call("c2");  // anna is busy: c2 waits
   REQUIRE(f.engine->hold("anna", "c1") == Outcome::ok);
   REQUIRE(f.pbx.commands.size() == 3);
   CHECK(f.pbx.commands[2].kind == "clear");
   CHECK(f.pbx.commands[2].after_trunk_commands <= f.push_index("c2"));
   // Pushed, c2 rings the phone unforwarded; answered, the phone is forwarded again.
   CHECK(f.engine->forwarded_to(kCfuPhone).empty());
   f.engine->on_answered(f.leg_of("c2"));
   CHECK(f.engine->forwarded_to(kCfuPhone) == kCfuLine);
}

TEST_CASE("an attendant who sets themselves unavailable during a call stays forwarded until it ends",
          "[engine][forwarding]") {
   CfuRig f;
   f.anna();
   f.connected_call("c1");
   REQUIRE(f.engine->set_available("anna", false) == Outcome::ok);
   CHECK(f.engine->forwarded_to(kCfuPhone) == kCfuLine);
   CHECK(f.pbx.commands.size() == 2);
   f.engine->on_ended(f.leg_of("c1"), 200);  // the attendant's side hangs up
   CHECK(f.pbx.lines().back() == cfu_clear(kCfuPhone));
   CHECK(f.pbx.commands.size() == 3);
}

TEST_CASE("a direct call forwarded from the busy attendant's phone waits in their personal queue and is pushed "
          "when they are free",
          "[engine][forwarding]") {
   CfuRig f;
   f.anna();
   f.connected_call("c1");
   f.queued_call("d1", kCfuLine);  // the PBX sent a call for anna's phone to her personal line
   CHECK(f.engine->queue_order(kCfuLine, true) == std::vector<std::string>{"d1"});
   CHECK(f.trunk.legs_for("d1").empty());
   f.engine->on_ended("c1", 200);
   REQUIRE(f.trunk.legs_for("d1").size() == 1);
   CHECK(f.trunk.legs_for("d1")[0].other == kCfuPhone);
   CHECK(f.pbx.commands.back().kind == "clear");
   CHECK(f.pbx.commands.back().after_trunk_commands <= f.push_index("d1"));
}

TEST_CASE("without a PBX link nothing is sent, and a link that comes later gets the forwarding the engine wants",
          "[engine][forwarding]") {
   EngineFixture f;
   f.start();
   FakePbx pbx;
   REQUIRE(f.log_on("anna", kCfuPhone, {kMain}, kCfuLine) == Outcome::ok);
   REQUIRE(f.log_on("bert", kCfuOtherPhone, {kMain}, kCfuOtherLine) == Outcome::ok);
   f.connected_call("c1");  // anna, the longest idle
   f.engine->set_pbx(&pbx);
   CHECK(pbx.lines() == CfuLines{cfu_set(kCfuPhone, kCfuLine)});
   CHECK(f.engine->forwarded_to(kCfuOtherPhone).empty());
   // Another instance behind the same link (a restarted plugin) hears it once more.
   f.engine->set_pbx(&pbx);
   CHECK(pbx.lines() == CfuLines{cfu_set(kCfuPhone, kCfuLine), cfu_set(kCfuPhone, kCfuLine)});
}

TEST_CASE("a forwarding whose attendant became free while the PBX link was down is removed by the next link",
          "[engine][forwarding]") {
   CfuRig f;
   f.anna();
   f.connected_call("c1");
   f.engine->set_pbx(nullptr);
   f.engine->on_ended("c1", 200);
   REQUIRE(f.engine->log_off("anna") == Outcome::ok);
   CHECK(f.pbx.commands.size() == 2);
   CHECK(f.engine->forwarded_to(kCfuPhone) == kCfuLine);  // still set on the PBX, as far as the engine knows
   f.engine->set_pbx(&f.pbx);
   CHECK(f.pbx.lines().back() == cfu_clear(kCfuPhone));
   CHECK(f.pbx.commands.size() == 3);
   CHECK(f.engine->forwarded_to(kCfuPhone).empty());
}

TEST_CASE("an orderly stop switches off every forwarding the engine set", "[engine][forwarding]") {
   CfuRig f;
   f.anna();
   REQUIRE(f.log_on("bert", kCfuOtherPhone, {kMain}, kCfuOtherLine) == Outcome::ok);
   f.connected_call("c1");
   f.connected_call("c2", "bert", kCfuOtherPhone);
   REQUIRE(f.engine->forwarded_to(kCfuPhone) == kCfuLine);
   REQUIRE(f.engine->forwarded_to(kCfuOtherPhone) == kCfuOtherLine);
   const std::size_t before = f.pbx.commands.size();
   f.engine->clear_all_forwarding();
   const CfuLines all = f.pbx.lines();
   CfuLines after(all.begin() + static_cast<std::ptrdiff_t>(before), all.end());
   std::sort(after.begin(), after.end());
   CHECK(after == CfuLines{cfu_clear(kCfuPhone), cfu_clear(kCfuOtherPhone)});
   CHECK(f.engine->forwarded_to(kCfuPhone).empty());
   CHECK(f.engine->forwarded_to(kCfuOtherPhone).empty());
}

// --- The next push waits for the PBX to confirm the clear --------------------------------------

namespace {

// anna talks on c1 with c2 waiting; the PBX has confirmed everything so far. Then anna holds c1:
// the clear goes out, and c2's push is due but the PBX has not answered yet.
struct HeldPushRig : CfuRig {
   HeldPushRig() : CfuRig(true) {
      anna();
      connected_call("c1");
      queued_call("c2");
      pbx.confirm_to = nullptr;  // from here the test answers the PBX's part
      before = clears();
      REQUIRE(engine->hold("anna", "c1") == Outcome::ok);
      REQUIRE(pbx.lines().back() == cfu_clear(kCfuPhone));
      REQUIRE(engine->find_call("c2")->phase == CallPhase::offered);
   }
   bool noted(const std::string &text) const {
      for (const EngineNote &n : events_of<EngineNote>())
         if (n.text.find(text) != std::string::npos) return true;
      return false;
   }
   // Clears sent since the hold.
   std::size_t clears() const {
      const CfuLines all = pbx.lines();
      return static_cast<std::size_t>(std::count(all.begin(), all.end(), cfu_clear(kCfuPhone))) - before;
   }
   std::size_t before = 0;
};

}  // namespace

TEST_CASE("a call pushed to a phone whose forwarding is being switched off rings it only once the PBX confirms",
          "[engine][forwarding]") {
   HeldPushRig f;
   CHECK(f.trunk.legs_for("c2").empty());  // the PBX would still forward it back to the personal line
   f.clock.advance(kForwardingClearGuardMs - 1);
   CHECK(f.trunk.legs_for("c2").empty());
   f.engine->on_forwarding_result(kCfuPhone, false, true);
   REQUIRE(f.trunk.legs_for("c2").size() == 1);
   CHECK(f.trunk.legs_for("c2")[0].other == kCfuPhone);
   CHECK(f.engine->find_call("c2")->leg == f.leg_of("c2"));
   CHECK(f.engine->audit().empty());
}

TEST_CASE("a refused forwarding clear is sent again, and after the last refusal the held push goes out anyway",
          "[engine][forwarding]") {
   HeldPushRig f;
   for (unsigned attempt = 1; attempt < kForwardingClearAttempts; ++attempt) {
      f.engine->on_forwarding_result(kCfuPhone, false, false);
      CHECK(f.clears() == attempt);  // not at once: after a pause
      f.clock.advance(kForwardingRetryMs);
      CHECK(f.clears() == attempt + 1);
      CHECK(f.trunk.legs_for("c2").empty());
   }
   f.engine->on_forwarding_result(kCfuPhone, false, false);
   CHECK(f.clears() == kForwardingClearAttempts);
   REQUIRE(f.trunk.legs_for("c2").size() == 1);
   CHECK(f.noted("could not be switched off"));
   CHECK(f.engine->audit().empty());
}

TEST_CASE("a forwarding clear the PBX never answers holds the next push for the guard time only",
          "[engine][forwarding]") {
   HeldPushRig f;
   f.clock.advance(kForwardingClearGuardMs);
   REQUIRE(f.trunk.legs_for("c2").size() == 1);
   CHECK(f.clears() == 1);
   // A late answer changes nothing.
   f.engine->on_forwarding_result(kCfuPhone, false, true);
   CHECK(f.trunk.legs_for("c2").size() == 1);
   CHECK(f.engine->audit().empty());
}

TEST_CASE("a caller who hangs up while the push is held is not placed when the clear is confirmed",
          "[engine][forwarding]") {
   HeldPushRig f;
   f.engine->on_ended("c2", 487);
   f.engine->on_forwarding_result(kCfuPhone, false, true);
   CHECK(f.trunk.legs_for("c2").empty());
   CHECK(f.engine->find_call("c2") == nullptr);
   CHECK(f.engine->audit().empty());
}

TEST_CASE("the first push after a log-on waits for the log-on's forwarding clear", "[engine][forwarding]") {
   CfuRig f(false);
   f.queued_call("c1");  // nobody to take it yet
   f.anna();
   REQUIRE(f.engine->find_call("c1")->phase == CallPhase::offered);
   CHECK(f.trunk.legs_for("c1").empty());
   f.engine->on_forwarding_result(kCfuPhone, false, true);
   CHECK(f.trunk.legs_for("c1").size() == 1);
}
