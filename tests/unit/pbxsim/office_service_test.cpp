// SPDX-License-Identifier: GPL-3.0-or-later
#include "office_test_support.h"

using namespace portier::pbxsim;
using namespace portier::pbxsim::test;

TEST_CASE("taking a monitored phone out of service and back reports both maintenance events") {
   Office office = monitored_office(small_office());
   REQUIRE(office.set_in_service("300", false).ok());
   CHECK(state(office, "300") == DeviceState::out_of_service);
   REQUIRE(office.set_in_service("300", true).ok());
   CHECK(state(office, "300") == DeviceState::idle);
   const auto events = office.drain_events();
   CHECK(lines(events) == V{"300 OutOfService", "300 BackInService"});
   const auto &first = std::get<ServiceEvent>(events.front());
   CHECK(first.cross_ref == office.monitor_start("300").value);
}

TEST_CASE("setting the service state a phone already has reports nothing") {
   Office office = monitored_office(small_office());
   REQUIRE(office.set_in_service("300", true).ok());
   CHECK(office.pending_events() == 0);
}

TEST_CASE("a monitor started on an out-of-service phone reports it out of service at once") {
   Office office(small_office());
   REQUIRE(office.set_in_service("400", false).ok());
   CHECK(office.pending_events() == 0);  // nobody watched
   auto xref = office.monitor_start("400");
   REQUIRE(xref.ok());
   const auto events = office.drain_events();
   REQUIRE(events.size() == 1);
   const auto &ev = std::get<ServiceEvent>(events.front());
   CHECK(ev.cross_ref == xref.value);
   CHECK(ev.device == "400");
   CHECK(!ev.in_service);
}

TEST_CASE("a call to an out-of-service phone fails with destNotObtainable") {
   Office office = monitored_office(small_office());
   REQUIRE(office.set_in_service("300", false).ok());
   office.drain_events();
   make_call(office, "100", "300");
   const auto all = lines(office.drain_events());
   REQUIRE(!all.empty());
   CHECK(all.back() == "100 Failed fail destNotObtainable");
}

TEST_CASE("out of service is refused for a number the office does not know") {
   Office office(small_office());
   auto r = office.set_in_service("999", false);
   REQUIRE(!r.ok());
   CHECK(r.error->value == ErrorValue::invalid_device_id);
}
