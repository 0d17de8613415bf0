// SPDX-License-Identifier: GPL-3.0-or-later
#include "office_test_support.h"

using namespace portier::pbxsim;
using namespace portier::pbxsim::test;

TEST_CASE("setting forwarding reports a ForwardingEvent and reads back") {
   Office office = monitored_office(small_office());
   REQUIRE(office.set_forwarding("200", ForwardType::busy, true, "300").ok());
   CHECK(lines(office.drain_events()) == V{"200 Forwarding forwardBusy on 300"});
   auto fw = office.get_forwarding("200");
   REQUIRE(fw.ok());
   CHECK(fw.value.busy.on);
   CHECK(fw.value.busy.destination == "300");
   CHECK_FALSE(fw.value.unconditional.on);
   CHECK_FALSE(fw.value.no_answer.on);
   REQUIRE(office.set_forwarding("200", ForwardType::busy, false, "").ok());
   CHECK(lines(office.drain_events()) == V{"200 Forwarding forwardBusy off 300"});
   CHECK_FALSE(office.get_forwarding("200").value.busy.on);
}

TEST_CASE("call forwarding unconditional diverts at once") {
   Office office = monitored_office(small_office());
   REQUIRE(office.set_forwarding("200", ForwardType::unconditional, true, "300").ok());
   office.drain_events();
   make_call(office, "100", "200");
   auto events = call_events(office.drain_events());
   CHECK(lines({events.begin(), events.end()}) == V{"100 ServiceInitiated initiated makeCall",
                                                    "100 Originated connected newCall",
                                                    "100 Diverted connected callForwardImmediate",
                                                    "200 Diverted null callForwardImmediate",
                                                    "100 Delivered connected callForwardImmediate",
                                                    "300 Delivered alerting callForwardImmediate"});
   CHECK(events[3].connected == "300");
   CHECK(events[5].called == "200");
   CHECK(events[5].redirecting == "200");
   CHECK(state(office, "200") == DeviceState::forwarded);
   CHECK(state(office, "300") == DeviceState::ringing);
}

TEST_CASE("call forwarding busy diverts only while the extension is busy") {
   OfficeSpec spec = small_office();
   Office office = monitored_office(spec);
   REQUIRE(office.set_forwarding("200", ForwardType::busy, true, "300").ok());
   std::string first = make_call(office, "400", "200");
   office.drain_events();
   CHECK(state(office, "200") == DeviceState::ringing); // free: no diversion
   REQUIRE(office.answer("200", first).ok());
   office.drain_events();
   auto second = office.incoming_call("+4989111", "200");
   REQUIRE(second.ok());
   CHECK(lines(office.drain_events()) ==
         V{"200 Diverted null callForwardBusy", "300 Delivered alerting callForwardBusy"});
}

TEST_CASE("call forwarding on no answer diverts after the no-answer time") {
   Office office = monitored_office(small_office());
   REQUIRE(office.set_forwarding("200", ForwardType::no_answer, true, "300").ok());
   office.drain_events();
   auto call = office.incoming_call("+4989111", "200");
   REQUIRE(call.ok());
   office.drain_events();
   office.advance(14999);
   CHECK(office.drain_events().empty());
   office.advance(1);
   CHECK(lines(office.drain_events()) ==
         V{"200 Diverted null callForwardNoAnswer", "300 Delivered alerting callForwardNoAnswer"});
   CHECK(state(office, "200") == DeviceState::idle);
}

TEST_CASE("a call answered before the no-answer time is not diverted") {
   Office office = monitored_office(small_office());
   REQUIRE(office.set_forwarding("200", ForwardType::no_answer, true, "300").ok());
   auto call = office.incoming_call("+4989111", "200");
   REQUIRE(office.answer("200", call.value.call_id).ok());
   office.drain_events();
   office.advance(60000);
   CHECK(office.drain_events().empty());
   CHECK(state(office, "300") == DeviceState::idle);
}

TEST_CASE("do-not-disturb rejects calls with cause doNotDisturb and is reported") {
   Office office = monitored_office(small_office());
   REQUIRE(office.set_dnd("200", true).ok());
   CHECK(lines(office.drain_events()) == V{"200 DoNotDisturb on"});
   CHECK(office.get_dnd("200").value);
   make_call(office, "100", "200");
   CHECK(lines(office.drain_events()).back() == "100 Failed fail doNotDisturb");
   CHECK(state(office, "200") == DeviceState::dnd);
}

TEST_CASE("do-not-disturb with call forwarding busy diverts instead of rejecting") {
   Office office = monitored_office(small_office());
   REQUIRE(office.set_dnd("200", true).ok());
   REQUIRE(office.set_forwarding("200", ForwardType::busy, true, "300").ok());
   office.drain_events();
   REQUIRE(office.incoming_call("+4989111", "200").ok());
   CHECK(lines(office.drain_events()) ==
         V{"200 Diverted null callForwardBusy", "300 Delivered alerting callForwardBusy"});
}

TEST_CASE("a forwarding loop rings at the device that closes it") {
   Office office = monitored_office(small_office());
   REQUIRE(office.set_forwarding("200", ForwardType::unconditional, true, "300").ok());
   REQUIRE(office.set_forwarding("300", ForwardType::unconditional, true, "200").ok());
   office.drain_events();
   REQUIRE(office.incoming_call("+4989111", "200").ok());
   CHECK(lines(office.drain_events()) ==
         V{"200 Diverted null callForwardImmediate", "300 Delivered alerting callForwardImmediate"});
}

TEST_CASE("a forwarding chain stops after the configured number of hops") {
   OfficeSpec spec = small_office();
   spec.max_forward_hops = 2;
   Office office = monitored_office(spec);
   REQUIRE(office.set_forwarding("200", ForwardType::unconditional, true, "300").ok());
   REQUIRE(office.set_forwarding("300", ForwardType::unconditional, true, "400").ok());
   REQUIRE(office.set_forwarding("400", ForwardType::unconditional, true, "500").ok());
   office.drain_events();
   REQUIRE(office.incoming_call("+4989111", "200").ok());
   CHECK(lines(office.drain_events()) == V{"200 Diverted null callForwardImmediate",
                                           "300 Diverted null callForwardImmediate",
                                           "400 Delivered alerting callForwardImmediate"});
   CHECK(state(office, "500") == DeviceState::idle);
}

TEST_CASE("a no-answer forwarding loop settles and stops diverting") {
   Office office = monitored_office(small_office());
   REQUIRE(office.set_forwarding("200", ForwardType::no_answer, true, "300").ok());
   REQUIRE(office.set_forwarding("300", ForwardType::no_answer, true, "200").ok());
   office.drain_events();
   REQUIRE(office.incoming_call("+4989111", "200").ok());
   office.advance(10 * 60 * 1000);
   CHECK(lines(office.drain_events()) == V{"200 Delivered alerting newCall",
                                           "200 Diverted null callForwardNoAnswer",
                                           "300 Delivered alerting callForwardNoAnswer"});
   CHECK(state(office, "300") == DeviceState::ringing);
}
