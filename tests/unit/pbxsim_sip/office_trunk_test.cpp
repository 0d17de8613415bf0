// SPDX-License-Identifier: GPL-3.0-or-later
// The office model's side of trunk calls, without SIP: numbers a trunk reaches are outside
// parties that ring, answer or fail only when the trunk's adapter says so.
#include <catch2/catch.hpp>

#include <variant>

#include "office/office.h"

using namespace portier::pbxsim;

namespace {

constexpr const char *kPhone = "+49897007201";
constexpr const char *kCps = "+498970071255";  // not among the office's outside numbers

Office trunk_office() {
   OfficeSpec spec;
   spec.extensions = {{kPhone, "Bert", ExtensionKind::office_user, {}, true}};
   spec.external_numbers = {"+4930901820"};
   Office office(spec);
   (void)office.monitor_start(kPhone);
   office.route_over_trunk([](std::string_view number) { return number.starts_with("+4989700712"); });
   return office;
}

std::vector<CallEventType> types(const std::vector<OfficeEvent> &events) {
   std::vector<CallEventType> out;
   for (const OfficeEvent &e : events)
      if (auto *call = std::get_if<CallEvent>(&e)) out.push_back(call->type);
   return out;
}

}  // namespace

TEST_CASE("a call to a trunk number waits without Delivered until the trunk says it rings, then answers") {
   Office office = trunk_office();
   auto placed = office.make_call(kPhone, kCps);
   REQUIRE(placed.ok());
   CHECK(types(office.drain_events()) ==
         std::vector<CallEventType>{CallEventType::service_initiated, CallEventType::originated});
   auto call = office.snapshot_call(placed.value.call_id);
   REQUIRE(call.ok());
   REQUIRE(call.value.parties.size() == 2);
   CHECK(call.value.parties[1].party == kCps);
   CHECK(call.value.parties[1].outside);
   CHECK(call.value.parties[1].state == ConnectionState::initiated);

   REQUIRE(office.external_alerting(kCps, placed.value.call_id).ok());
   CHECK(types(office.drain_events()) == std::vector<CallEventType>{CallEventType::delivered});
   REQUIRE(office.external_answer(kCps, placed.value.call_id).ok());
   auto events = office.drain_events();
   REQUIRE(types(events) == std::vector<CallEventType>{CallEventType::established});
   CHECK(std::get<CallEvent>(events[0]).connected == kCps);
}

TEST_CASE("a trunk call that fails leaves the phone's connection failed with the trunk's cause") {
   Office office = trunk_office();
   auto placed = office.make_call(kPhone, kCps);
   REQUIRE(placed.ok());
   (void)office.drain_events();
   REQUIRE(office.external_fail(kCps, placed.value.call_id, EventCause::busy).ok());
   auto events = office.drain_events();
   REQUIRE(types(events) == std::vector<CallEventType>{CallEventType::failed});
   CHECK(std::get<CallEvent>(events[0]).cause == EventCause::busy);
   CHECK(std::get<CallEvent>(events[0]).local_state == ConnectionState::fail);
   // Failing twice is refused: the outside party is gone.
   CHECK_FALSE(office.external_fail(kCps, placed.value.call_id, EventCause::busy).ok());
   REQUIRE(office.clear_connection(kPhone, placed.value.call_id).ok());
   CHECK(office.call_count() == 0);
}

TEST_CASE("without a trunk route a CPS number the office does not know is an invalid destination") {
   OfficeSpec spec;
   spec.extensions = {{kPhone, "Bert", ExtensionKind::office_user, {}, true}};
   Office office(spec);
   auto placed = office.make_call(kPhone, kCps);
   REQUIRE_FALSE(placed.ok());
   CHECK(placed.error->value == ErrorValue::invalid_destination);
}
