// SPDX-License-Identifier: GPL-3.0-or-later
#include "office_test_support.h"

using namespace portier::pbxsim;
using namespace portier::pbxsim::test;

TEST_CASE("a call between two extensions rings, is answered and cleared with the documented events") {
   Office office = monitored_office(small_office());
   auto call = office.make_call("100", "200");
   REQUIRE(call.ok());
   CHECK(call.value.device == "100");
   CHECK(call.value.call_id.size() == 32);
   CHECK(lines(office.drain_events()) == V{"100 ServiceInitiated initiated makeCall",
                                           "100 Originated connected newCall",
                                           "100 Delivered connected newCall",
                                           "200 Delivered alerting newCall"});
   REQUIRE(office.answer("200", call.value.call_id).ok());
   CHECK(lines(office.drain_events()) ==
         V{"100 Established connected newCall", "200 Established connected newCall"});
   REQUIRE(office.clear_connection("100", call.value.call_id).ok());
   auto cleared = call_events(office.drain_events());
   REQUIRE(cleared.size() == 2);
   CHECK(line(cleared[0]) == "100 ConnectionCleared null normalClearing");
   CHECK(line(cleared[1]) == "200 ConnectionCleared null normalClearing");
   CHECK(cleared[1].subject == "100");
   CHECK(office.call_count() == 0);
}

TEST_CASE("call events name the parties and the call") {
   Office office = monitored_office(small_office());
   std::string id = make_call(office, "100", "200");
   auto events = call_events(office.drain_events());
   const CallEvent &delivered = events.back();
   CHECK(delivered.call_id == id);
   CHECK(delivered.calling == "100");
   CHECK(delivered.called == "200");
   CHECK(delivered.connected == "200");
   CHECK(delivered.subject == "200");
   CHECK(delivered.redirecting.empty());
   CHECK(delivered.cross_ref == office.monitor_start("200").value);
}

TEST_CASE("an incoming call rings at the extension and is answered") {
   Office office = monitored_office(small_office());
   auto call = office.incoming_call("+4989111", "200");
   REQUIRE(call.ok());
   CHECK(lines(office.drain_events()) == V{"200 Delivered alerting newCall"});
   REQUIRE(office.answer("200", call.value.call_id).ok());
   CHECK(lines(office.drain_events()) == V{"200 Established connected newCall"});
   REQUIRE(office.external_clear("+4989111", call.value.call_id).ok());
   CHECK(lines(office.drain_events()) == V{"200 ConnectionCleared null normalClearing"});
   CHECK(state(office, "200") == DeviceState::idle);
}

TEST_CASE("a call to an outside number is answered and cleared by the outside party") {
   Office office = monitored_office(small_office());
   std::string id = make_call(office, "100", "+4989222");
   office.drain_events();
   REQUIRE(office.external_answer("+4989222", id).ok());
   CHECK(lines(office.drain_events()) == V{"100 Established connected newCall"});
   REQUIRE(office.external_clear("+4989222", id).ok());
   CHECK(lines(office.drain_events()) == V{"100 ConnectionCleared null normalClearing"});
}

TEST_CASE("a call to a busy extension fails at the caller with cause busy") {
   OfficeSpec spec = small_office();
   extension(spec, "300").rules.busy = true;
   Office office = monitored_office(spec);
   std::string id = make_call(office, "100", "300");
   CHECK(lines(office.drain_events()) == V{"100 ServiceInitiated initiated makeCall",
                                           "100 Originated connected newCall",
                                           "100 Failed fail busy"});
   auto snap = office.snapshot_device("100");
   REQUIRE(snap.value.calls.size() == 1);
   CHECK(snap.value.calls[0].state == ConnectionState::fail);
   REQUIRE(office.clear_connection("100", id).ok());
   CHECK(lines(office.drain_events()) == V{"100 ConnectionCleared null normalClearing"});
}

TEST_CASE("an extension in a call is busy for a second caller") {
   Office office = monitored_office(small_office());
   std::string id = make_call(office, "100", "200");
   REQUIRE(office.answer("200", id).ok());
   office.drain_events();
   auto second = office.incoming_call("+4989111", "200");
   REQUIRE(second.ok());
   CHECK(office.drain_events().empty()); // the caller is outside; 200 sees nothing
   CHECK(office.call_count() == 1);
}

TEST_CASE("hold and retrieve are reported on every monitor in the call") {
   Office office = monitored_office(small_office());
   std::string id = make_call(office, "100", "200");
   REQUIRE(office.answer("200", id).ok());
   office.drain_events();
   REQUIRE(office.hold("100", id).ok());
   CHECK(lines(office.drain_events()) == V{"100 Held hold normal", "200 Held connected normal"});
   CHECK(state(office, "100") == DeviceState::held);
   REQUIRE(office.retrieve("100", id).ok());
   CHECK(lines(office.drain_events()) ==
         V{"100 Retrieved connected normal", "200 Retrieved connected normal"});
   CHECK(state(office, "100") == DeviceState::busy);
}

TEST_CASE("snapshot reports device states and connection states as the calls progress") {
   Office office = monitored_office(small_office());
   CHECK(state(office, "200") == DeviceState::idle);
   std::string id = make_call(office, "100", "200");
   CHECK(state(office, "100") == DeviceState::busy);
   CHECK(state(office, "200") == DeviceState::ringing);
   auto snap = office.snapshot_device("200");
   REQUIRE(snap.value.calls.size() == 1);
   CHECK(snap.value.calls[0].call_id == id);
   CHECK(snap.value.calls[0].state == ConnectionState::alerting);
   REQUIRE(office.answer("200", id).ok());
   CHECK(state(office, "200") == DeviceState::busy);
   REQUIRE(office.set_dnd("300", true).ok());
   CHECK(state(office, "300") == DeviceState::dnd);
   REQUIRE(office.set_forwarding("400", ForwardType::unconditional, true, "100").ok());
   auto forwarded = office.snapshot_device("400");
   CHECK(forwarded.value.state == DeviceState::forwarded);
   CHECK(forwarded.value.forward_to == "100");
   REQUIRE(office.set_in_service("500", false).ok());
   CHECK(state(office, "500") == DeviceState::out_of_service);
   CHECK(office.snapshot_device("300").value.calls.empty());
}

TEST_CASE("a call to an out-of-service extension fails with destNotObtainable") {
   Office office = monitored_office(small_office());
   REQUIRE(office.set_in_service("500", false).ok());
   make_call(office, "100", "500");
   CHECK(lines(office.drain_events()).back() == "100 Failed fail destNotObtainable");
}
