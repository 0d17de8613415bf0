// SPDX-License-Identifier: GPL-3.0-or-later
// Call types and intercept: the type of a call comes from the number it reached (the DDI
// purpose, or a personal line) and from how it got there (the trunk's diversion data); the
// tenant's priority for that type orders the queue.
#include <catch2/catch.hpp>

#include "engine_fixture.h"

using namespace portier::engine;
using namespace portier::engine::test;

namespace {

constexpr const char *kInvalid = "+4930400";  // DEFAULT, purpose invalid_destination
constexpr const char *kOffice = "+4930555";   // an office user whose calls the PBX diverts
constexpr const char *kLine = "+4930601";     // anna's personal line

EngineData typed_data() {
   EngineData data = standard_data();
   DdiEntry invalid;
   invalid.pilot_number = kInvalid;
   invalid.tenant = std::string(kDefaultTenant);
   invalid.purpose = CallType::invalid_destination;
   data.ddi.push_back(invalid);
   auto &priorities = data.tenants[0].priorities;  // DEFAULT
   priorities[static_cast<std::size_t>(CallType::intercept)] = 4;
   priorities[static_cast<std::size_t>(CallType::forwarding_busy)] = 1;
   priorities[static_cast<std::size_t>(CallType::forwarding_no_reply)] = 3;
   priorities[static_cast<std::size_t>(CallType::invalid_destination)] = 8;
   return data;
}

IncomingCall diverted(const std::string &id, const std::string &called, DiversionReason reason,
                      const std::string &original = kOffice) {
   IncomingCall call{id, kCaller, called, original};
   call.original_called = original;
   call.diversion = reason;
   return call;
}

// The one CallQueued of `id`.
CallQueued queued_event(const EngineFixture &f, const std::string &id) {
   for (const CallQueued &q : f.events_of<CallQueued>())
      if (q.call_id == id) return q;
   FAIL("no CallQueued for " << id);
   return {};
}

}  // namespace

TEST_CASE("the call type rules: a personal line is personal, a direct call has its entry's purpose",
          "[engine][call_type]") {
   CHECK(call_type_for({true, CallType::main, DiversionReason::busy}) == CallType::personal);
   CHECK(call_type_for({false, CallType::main, DiversionReason::none}) == CallType::main);
   CHECK(call_type_for({false, CallType::internal, DiversionReason::none}) == CallType::internal);
   CHECK(call_type_for({false, CallType::intercept, DiversionReason::none}) == CallType::intercept);
   CHECK(call_type_for({false, CallType::invalid_destination, DiversionReason::none}) ==
         CallType::invalid_destination);
}

TEST_CASE("the call type rules: a diverted call to a main, internal or intercept entry is typed by its reason",
          "[engine][call_type]") {
   for (const CallType purpose : {CallType::main, CallType::internal, CallType::intercept}) {
      CHECK(call_type_for({false, purpose, DiversionReason::busy}) == CallType::forwarding_busy);
      CHECK(call_type_for({false, purpose, DiversionReason::no_reply}) == CallType::forwarding_no_reply);
      CHECK(call_type_for({false, purpose, DiversionReason::unconditional}) == CallType::intercept);
      CHECK(call_type_for({false, purpose, DiversionReason::unknown}) == CallType::intercept);
   }
}

TEST_CASE("the call type rules: an entry for forwarded or invalid destinations keeps its purpose when diverted",
          "[engine][call_type]") {
   CHECK(call_type_for({false, CallType::forwarding_busy, DiversionReason::no_reply}) == CallType::forwarding_busy);
   CHECK(call_type_for({false, CallType::forwarding_no_reply, DiversionReason::busy}) ==
         CallType::forwarding_no_reply);
   CHECK(call_type_for({false, CallType::invalid_destination, DiversionReason::unconditional}) ==
         CallType::invalid_destination);
}

TEST_CASE("the call type rules: an internal caller makes a direct call to a main entry internal",
          "[engine][call_type]") {
   CHECK(call_type_for({false, CallType::main, DiversionReason::none, true}) == CallType::internal);
   CHECK(call_type_for({false, CallType::invalid_destination, DiversionReason::none, true}) ==
         CallType::invalid_destination);
   CHECK(call_type_for({false, CallType::main, DiversionReason::busy, true}) == CallType::forwarding_busy);
   CHECK(call_type_for({true, CallType::main, DiversionReason::none, true}) == CallType::personal);
}

TEST_CASE("an internal caller is an extension of at most the site's maximum extension length",
          "[engine][call_type]") {
   CHECK(is_internal_caller("4711", 5));
   CHECK(is_internal_caller("47115", 5));
   CHECK_FALSE(is_internal_caller("471155", 5));
   CHECK_FALSE(is_internal_caller("+4930555", 12));
   CHECK_FALSE(is_internal_caller("", 5));
   CHECK_FALSE(is_internal_caller("47a1", 5));
   CHECK_FALSE(is_internal_caller("4711", 0));  // no site data: nobody is internal
}

TEST_CASE("a trunk's original number equal to the called one is no diversion", "[engine][call_type]") {
   const Diversion d = diversion_of(DiversionReason::none, kMain, "", kMain);
   CHECK(d.reason == DiversionReason::none);
   CHECK(d.original_destination.empty());
}

TEST_CASE("a diverting number without a reason is a diversion of unknown reason", "[engine][call_type]") {
   const Diversion from = diversion_of(DiversionReason::none, kMain, kOffice, "");
   CHECK(from.reason == DiversionReason::unknown);
   CHECK(from.original_destination == kOffice);
   const Diversion first = diversion_of(DiversionReason::none, kMain, "+4930556", kOffice);
   CHECK(first.reason == DiversionReason::unknown);
   CHECK(first.original_destination == kOffice);  // the number first dialled, not the last hop
}

TEST_CASE("a call dialled directly to a main pilot is queued as a main call without an original destination",
          "[engine][call_type]") {
   EngineFixture f;
   f.data = typed_data();
   f.start();
   f.queued_call("c1");
   const CallQueued q = queued_event(f, "c1");
   CHECK(q.call_type == CallType::main);
   CHECK(q.priority == 5);
   CHECK(q.original_destination.empty());
   CHECK(q.diversion == DiversionReason::none);
}

TEST_CASE("a call to the internal pilot is an internal call with the internal priority", "[engine][call_type]") {
   EngineFixture f;
   f.data = typed_data();
   f.start();
   f.incoming("c1", kInternal);
   f.clock.advance(1000);
   const CallQueued q = queued_event(f, "c1");
   CHECK(q.call_type == CallType::internal);
   CHECK(q.priority == 2);
}

TEST_CASE("a call the PBX forwarded on busy to a main pilot is a forwarding busy call showing the office number",
          "[engine][call_type]") {
   EngineFixture f;
   f.data = typed_data();
   f.start();
   f.engine->on_incoming(diverted("c1", kMain, DiversionReason::busy));
   f.clock.advance(3000);
   const CallQueued q = queued_event(f, "c1");
   CHECK(q.call_type == CallType::forwarding_busy);
   CHECK(q.priority == 1);
   CHECK(q.original_destination == kOffice);
   CHECK(q.diversion == DiversionReason::busy);
   REQUIRE(f.engine->find_call("c1") != nullptr);
   CHECK(f.engine->find_call("c1")->rules.type == CallType::forwarding_busy);
   CHECK(f.engine->find_call("c1")->original_destination == kOffice);
}

TEST_CASE("a call from an extension of the master site to a main pilot is an internal call",
          "[engine][call_type]") {
   EngineFixture f;
   f.data = typed_data();
   Site site;
   site.name = "munich";
   site.master = true;
   site.max_extension_length = 5;
   f.data.sites.push_back(site);
   f.start();
   f.incoming("c1", kMain, "4711");
   f.incoming("c2", kMain, "+498970074711");
   f.clock.advance(3000);
   CHECK(queued_event(f, "c1").call_type == CallType::internal);
   CHECK(queued_event(f, "c1").priority == 2);
   CHECK(queued_event(f, "c2").call_type == CallType::main);
   CHECK(f.engine->queue_order(kMain, false) == std::vector<std::string>{"c1", "c2"});
}

TEST_CASE("a call forwarded on no reply is a forwarding no reply call", "[engine][call_type]") {
   EngineFixture f;
   f.data = typed_data();
   f.start();
   f.engine->on_incoming(diverted("c1", kMain, DiversionReason::no_reply));
   f.clock.advance(3000);
   const CallQueued q = queued_event(f, "c1");
   CHECK(q.call_type == CallType::forwarding_no_reply);
   CHECK(q.priority == 3);
}

TEST_CASE("a call forwarded unconditionally to a DDI entry shows as an intercept call", "[engine][call_type]") {
   EngineFixture f;
   f.data = typed_data();
   f.start();
   f.engine->on_incoming(diverted("c1", kMain, DiversionReason::unconditional));
   f.clock.advance(3000);
   const CallQueued q = queued_event(f, "c1");
   CHECK(q.call_type == CallType::intercept);
   CHECK(q.priority == 4);
   CHECK(q.original_destination == kOffice);
}

TEST_CASE("a call with only a diverting number shows as an intercept call with that number",
          "[engine][call_type]") {
   EngineFixture f;
   f.data = typed_data();
   f.start();
   f.engine->on_incoming(IncomingCall{"c1", kCaller, kMain, kOffice});
   f.clock.advance(3000);
   const CallQueued q = queued_event(f, "c1");
   CHECK(q.call_type == CallType::intercept);
   CHECK(q.diversion == DiversionReason::unknown);
   CHECK(q.original_destination == kOffice);
}

TEST_CASE("a diverted call to the entry for invalid destinations keeps that type", "[engine][call_type]") {
   EngineFixture f;
   f.data = typed_data();
   f.start();
   f.engine->on_incoming(diverted("c1", kInvalid, DiversionReason::unconditional, "+4930599"));
   f.clock.advance(3000);
   const CallQueued q = queued_event(f, "c1");
   CHECK(q.call_type == CallType::invalid_destination);
   CHECK(q.priority == 8);
   CHECK(q.original_destination == "+4930599");
}

TEST_CASE("a call diverted to a personal line stays a personal call and shows where it was going",
          "[engine][call_type]") {
   EngineFixture f;
   f.data = typed_data();
   f.start();
   REQUIRE(f.log_on("anna", "+4930501", {kMain}, kLine, false) == Outcome::ok);
   f.engine->on_incoming(diverted("c1", kLine, DiversionReason::unconditional, "+4930501"));
   f.clock.advance(3000);
   const CallQueued q = queued_event(f, "c1");
   CHECK(q.personal);
   CHECK(q.call_type == CallType::personal);
   CHECK(q.original_destination == "+4930501");
}

TEST_CASE("a forwarded call with a more urgent type is queued before main calls that waited longer",
          "[engine][call_type]") {
   EngineFixture f;
   f.data = typed_data();
   f.start();
   f.queued_call("c1");
   f.engine->on_incoming(diverted("c2", kMain, DiversionReason::busy));
   f.clock.advance(3000);
   CHECK(f.engine->queue_order(kMain, false) == std::vector<std::string>{"c2", "c1"});
}

TEST_CASE("a returned call keeps its call type and original destination", "[engine][call_type]") {
   EngineFixture f;
   f.data = typed_data();
   f.start();
   f.engine->on_incoming(diverted("c1", kMain, DiversionReason::busy));
   f.clock.advance(3000);
   REQUIRE(f.log_on("anna", "+4930501", {kMain}) == Outcome::ok);
   const std::string leg = f.leg_of("c1");
   REQUIRE_FALSE(leg.empty());
   f.engine->on_ended(leg, 486);  // the attendant's phone refuses: the call goes back
   const auto queued = f.events_of<CallQueued>();
   REQUIRE(queued.size() == 2);
   CHECK(queued[1].returned);
   CHECK(queued[1].call_type == CallType::forwarding_busy);
   CHECK(queued[1].original_destination == kOffice);
}
