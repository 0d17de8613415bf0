// SPDX-License-Identifier: GPL-3.0-or-later
#include "office_test_support.h"

using namespace portier::pbxsim;
using namespace portier::pbxsim::test;

namespace {

// An outside caller talking to the attendant 100.
std::string answered_incoming(Office &office) {
   auto call = office.incoming_call("+4989111", "100");
   REQUIRE(call.ok());
   REQUIRE(office.answer("100", call.value.call_id).ok());
   office.drain_events();
   return call.value.call_id;
}

} // namespace

TEST_CASE("consultation holds the first call and rings the consulted extension") {
   Office office = monitored_office(small_office());
   std::string first = answered_incoming(office);
   auto consult = office.consultation_call("100", first, "200");
   REQUIRE(consult.ok());
   CHECK(consult.value.call_id != first);
   CHECK(lines(office.drain_events()) == V{"100 Held hold consultation",
                                           "100 ServiceInitiated initiated consultation",
                                           "100 Originated connected consultation",
                                           "100 Delivered connected newCall",
                                           "200 Delivered alerting newCall"});
}

TEST_CASE("consultation and transfer leave the two others connected and the attendant idle") {
   Office office = monitored_office(small_office());
   std::string first = answered_incoming(office);
   auto consult = office.consultation_call("100", first, "200");
   REQUIRE(consult.ok());
   REQUIRE(office.answer("200", consult.value.call_id).ok());
   office.drain_events();

   auto done = office.transfer("100", first, consult.value.call_id);
   REQUIRE(done.ok());
   CHECK(done.value.device == "200");
   auto events = call_events(office.drain_events());
   CHECK(lines({events.begin(), events.end()}) == V{"100 Transferred null transfer",
                                                    "200 Transferred connected transfer",
                                                    "100 ConnectionCleared null transfer",
                                                    "100 ConnectionCleared null transfer"});
   const CallEvent &at_200 = events[1];
   CHECK(at_200.call_id == first);
   CHECK(at_200.secondary_call_id == consult.value.call_id);
   CHECK(at_200.new_call_id == done.value.call_id);
   CHECK(at_200.subject == "100");
   CHECK(at_200.calling == "+4989111");
   CHECK(at_200.connected == "200");

   CHECK(state(office, "100") == DeviceState::idle);
   CHECK(state(office, "200") == DeviceState::busy);
   auto snap = office.snapshot_device("200");
   REQUIRE(snap.value.calls.size() == 1);
   CHECK(snap.value.calls[0].call_id == done.value.call_id);
   CHECK(snap.value.calls[0].state == ConnectionState::connected);
   CHECK(office.call_count() == 1);
   REQUIRE(office.external_clear("+4989111", done.value.call_id).ok());
   CHECK(lines(office.drain_events()) == V{"200 ConnectionCleared null normalClearing"});
}

TEST_CASE("a transfer while the consulted extension still rings lets it ring on, then answer") {
   Office office = monitored_office(small_office());
   std::string first = answered_incoming(office);
   auto consult = office.consultation_call("100", first, "300");
   REQUIRE(consult.ok());
   office.drain_events();
   auto done = office.transfer("100", first, consult.value.call_id);
   REQUIRE(done.ok());
   office.drain_events();
   CHECK(state(office, "300") == DeviceState::ringing);
   REQUIRE(office.answer("300", done.value.call_id).ok());
   CHECK(lines(office.drain_events()) == V{"300 Established connected transfer"});
}

TEST_CASE("single-step transfer moves the caller to the new destination") {
   Office office = monitored_office(small_office());
   std::string first = answered_incoming(office);
   auto moved = office.single_step_transfer("100", first, "300");
   REQUIRE(moved.ok());
   CHECK(moved.value.device == "300");
   auto events = call_events(office.drain_events());
   CHECK(lines({events.begin(), events.end()}) ==
         V{"100 Transferred null singleStepTransfer", "300 Delivered alerting singleStepTransfer"});
   CHECK(events[1].calling == "+4989111");
   CHECK(events[1].redirecting == "100");
   CHECK(events[1].call_id == moved.value.call_id);
   CHECK(state(office, "100") == DeviceState::idle);
   REQUIRE(office.answer("300", moved.value.call_id).ok());
   CHECK(state(office, "300") == DeviceState::busy);
}

TEST_CASE("deflect sends a ringing call on to another extension") {
   Office office = monitored_office(small_office());
   std::string id = make_call(office, "100", "200");
   office.drain_events();
   REQUIRE(office.deflect("200", id, "400").ok());
   auto events = call_events(office.drain_events());
   CHECK(lines({events.begin(), events.end()}) == V{"100 Diverted connected redirected",
                                                    "200 Diverted null redirected",
                                                    "100 Delivered connected redirected",
                                                    "400 Delivered alerting redirected"});
   CHECK(events[1].connected == "400");
   CHECK(events[3].redirecting == "200");
   CHECK(state(office, "200") == DeviceState::idle);
   CHECK(state(office, "400") == DeviceState::ringing);
}
