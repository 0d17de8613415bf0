// SPDX-License-Identifier: GPL-3.0-or-later
#include "office_test_support.h"

using namespace portier::pbxsim;
using namespace portier::pbxsim::test;

namespace {

// The attendant 100 talks to an outside caller (held) and to 200 (active).
struct HeldAndActive {
   std::string held;
   std::string active;
};

HeldAndActive held_and_active(Office &office) {
   auto call = office.incoming_call("+4989111", "100");
   REQUIRE(call.ok());
   REQUIRE(office.answer("100", call.value.call_id).ok());
   auto consult = office.consultation_call("100", call.value.call_id, "200");
   REQUIRE(consult.ok());
   REQUIRE(office.answer("200", consult.value.call_id).ok());
   office.drain_events();
   return {call.value.call_id, consult.value.call_id};
}

} // namespace

TEST_CASE("a conference of the held and the active call reports Conferenced to every monitored party") {
   Office office = monitored_office(small_office());
   const auto calls = held_and_active(office);
   auto joined = office.conference("100", calls.held, calls.active);
   REQUIRE(joined.ok());
   CHECK(joined.value.device == "100");
   CHECK(joined.value.call_id != calls.held);
   CHECK(joined.value.call_id != calls.active);

   const auto events = call_events(office.drain_events());
   CHECK(lines({events.begin(), events.end()}) ==
         V{"100 Conferenced connected conference", "200 Conferenced connected conference"});
   for (const CallEvent &ev : events) {
      CHECK(ev.call_id == calls.held);
      CHECK(ev.secondary_call_id == calls.active);
      CHECK(ev.new_call_id == joined.value.call_id);
      CHECK(ev.subject == "100");
      CHECK(ev.connected == "200");
      CHECK(ev.calling == "+4989111");
   }
}

TEST_CASE("after a conference every party is in one call and leaving it ends nobody else's") {
   Office office = monitored_office(small_office());
   const auto calls = held_and_active(office);
   auto joined = office.conference("100", calls.held, calls.active);
   REQUIRE(joined.ok());
   office.drain_events();
   CHECK(office.call_count() == 1);
   CHECK(state(office, "100") == DeviceState::busy);
   CHECK(state(office, "200") == DeviceState::busy);
   auto snap = office.snapshot_device("100");
   REQUIRE(snap.value.calls.size() == 1);
   CHECK(snap.value.calls.front().call_id == joined.value.call_id);
   CHECK(snap.value.calls.front().state == ConnectionState::connected);

   REQUIRE(office.clear_connection("100", joined.value.call_id).ok());
   CHECK(lines(office.drain_events()) == V{"100 ConnectionCleared null normalClearing",
                                           "200 ConnectionCleared connected normalClearing"});
   CHECK(state(office, "100") == DeviceState::idle);
   CHECK(state(office, "200") == DeviceState::busy);
}

TEST_CASE("a conference needs a held and an active call of the same device") {
   Office office = monitored_office(small_office());
   const auto calls = held_and_active(office);
   auto swapped = office.conference("100", calls.active, calls.held);
   REQUIRE(!swapped.ok());
   CHECK(swapped.error->value == ErrorValue::no_held_call);
   auto same = office.conference("100", calls.held, calls.held);
   REQUIRE(!same.ok());
   CHECK(same.error->value == ErrorValue::request_incompatible_with_object);
   auto unknown = office.conference("100", calls.held, "FF00");
   REQUIRE(!unknown.ok());
   CHECK(unknown.error->value == ErrorValue::invalid_call_id);
   CHECK(office.pending_events() == 0);
}
