// SPDX-License-Identifier: GPL-3.0-or-later
#include "office_test_support.h"

using namespace portier::pbxsim;
using namespace portier::pbxsim::test;

namespace {

template <typename T>
ErrorValue error_of(const Outcome<T> &outcome) {
   REQUIRE_FALSE(outcome.ok());
   CHECK(outcome.error->category == category_of(outcome.error->value));
   return outcome.error->value;
}

} // namespace

TEST_CASE("commands name an unknown device invalidDeviceID") {
   Office office(small_office());
   std::string id = make_call(office, "100", "200");
   CHECK(error_of(office.make_call("999", "200")) == ErrorValue::invalid_device_id);
   CHECK(error_of(office.answer("999", id)) == ErrorValue::invalid_device_id);
   CHECK(error_of(office.clear_connection("999", id)) == ErrorValue::invalid_device_id);
   CHECK(error_of(office.hold("999", id)) == ErrorValue::invalid_device_id);
   CHECK(error_of(office.retrieve("999", id)) == ErrorValue::invalid_device_id);
   CHECK(error_of(office.consultation_call("999", id, "300")) == ErrorValue::invalid_device_id);
   CHECK(error_of(office.transfer("999", id, id)) == ErrorValue::invalid_device_id);
   CHECK(error_of(office.single_step_transfer("999", id, "300")) == ErrorValue::invalid_device_id);
   CHECK(error_of(office.deflect("999", id, "300")) == ErrorValue::invalid_device_id);
   CHECK(error_of(office.set_forwarding("999", ForwardType::busy, true, "300")) ==
         ErrorValue::invalid_device_id);
   CHECK(error_of(office.get_forwarding("999")) == ErrorValue::invalid_device_id);
   CHECK(error_of(office.set_dnd("999", true)) == ErrorValue::invalid_device_id);
   CHECK(error_of(office.get_dnd("999")) == ErrorValue::invalid_device_id);
   CHECK(error_of(office.snapshot_device("999")) == ErrorValue::invalid_device_id);
   CHECK(error_of(office.incoming_call("+4900000", "200")) == ErrorValue::invalid_device_id);
   CHECK(error_of(office.external_answer("200", id)) == ErrorValue::invalid_device_id);
   CHECK(error_of(office.monitor_start("999")) == ErrorValue::invalid_monitor_object);
   CHECK(error_of(office.monitor_stop("42")) == ErrorValue::invalid_cross_ref_id);
}

TEST_CASE("commands name an unknown call invalidCallID and a foreign call invalidConnectionID") {
   Office office(small_office());
   std::string id = make_call(office, "100", "200");
   const std::string bogus = "FF0001FFFFFFFFFFFFFFFFFFFFFFFFFF";
   CHECK(error_of(office.answer("200", bogus)) == ErrorValue::invalid_call_id);
   CHECK(error_of(office.clear_connection("200", bogus)) == ErrorValue::invalid_call_id);
   CHECK(error_of(office.hold("100", bogus)) == ErrorValue::invalid_call_id);
   CHECK(error_of(office.deflect("200", bogus, "300")) == ErrorValue::invalid_call_id);
   CHECK(error_of(office.answer("300", id)) == ErrorValue::invalid_connection_id);
   CHECK(error_of(office.clear_connection("300", id)) == ErrorValue::invalid_connection_id);
   CHECK(error_of(office.external_clear("+4989111", id)) == ErrorValue::invalid_connection_id);
}

TEST_CASE("commands in the wrong state are refused with a state incompatibility") {
   Office office(small_office());
   std::string id = make_call(office, "100", "200");
   CHECK(error_of(office.answer("100", id)) == ErrorValue::no_call_to_answer);
   CHECK(error_of(office.hold("200", id)) == ErrorValue::no_active_call);
   CHECK(error_of(office.retrieve("100", id)) == ErrorValue::no_held_call);
   CHECK(error_of(office.deflect("100", id, "300")) == ErrorValue::invalid_connection_state);
   CHECK(error_of(office.single_step_transfer("200", id, "300")) == ErrorValue::no_active_call);
   CHECK(error_of(office.consultation_call("200", id, "300")) == ErrorValue::no_active_call);
   CHECK(error_of(office.make_call("100", "300")) == ErrorValue::invalid_device_state);
   CHECK(category_of(ErrorValue::no_call_to_answer) == ErrorCategory::state_incompatibility);
   REQUIRE(office.answer("200", id).ok());
   CHECK(error_of(office.answer("200", id)) == ErrorValue::no_call_to_answer);
   CHECK(error_of(office.transfer("100", id, id)) == ErrorValue::request_incompatible_with_object);
}

TEST_CASE("transfer needs a held and an active call of the device") {
   Office office(small_office());
   auto in = office.incoming_call("+4989111", "100");
   REQUIRE(office.answer("100", in.value.call_id).ok());
   auto consult = office.consultation_call("100", in.value.call_id, "200");
   REQUIRE(consult.ok());
   CHECK(error_of(office.transfer("100", consult.value.call_id, in.value.call_id)) ==
         ErrorValue::no_held_call);
   CHECK(error_of(office.retrieve("100", in.value.call_id)) == ErrorValue::invalid_device_state);
   CHECK(office.call_count() == 2); // nothing changed
}

TEST_CASE("unknown destinations and bad forwarding targets are refused") {
   Office office(small_office());
   CHECK(error_of(office.make_call("100", "777")) == ErrorValue::invalid_destination);
   CHECK(error_of(office.make_call("100", "100")) == ErrorValue::invalid_destination);
   CHECK(error_of(office.incoming_call("+4989111", "777")) == ErrorValue::invalid_destination);
   CHECK(error_of(office.set_forwarding("200", ForwardType::unconditional, true, "")) ==
         ErrorValue::invalid_forwarding_destination);
   CHECK(error_of(office.set_forwarding("200", ForwardType::unconditional, true, "200")) ==
         ErrorValue::invalid_forwarding_destination);
   std::string id = make_call(office, "100", "200");
   CHECK(error_of(office.deflect("200", id, "777")) == ErrorValue::invalid_destination);
   CHECK(error_of(office.consultation_call("100", id, "777")) == ErrorValue::invalid_destination);
   CHECK(office.call_count() == 1);
   CHECK(office.snapshot_device("100").value.calls.at(0).state == ConnectionState::connected);
}

TEST_CASE("error values carry their CSTA spelling") {
   CHECK(to_string(ErrorValue::invalid_call_id) == "invalidCallID");
   CHECK(to_string(ErrorCategory::state_incompatibility) == "stateIncompatibility");
   CHECK(to_string(EventCause::call_forward_no_answer) == "callForwardNoAnswer");
   CHECK(to_string(ForwardType::no_answer) == "forwardNoAns");
}

TEST_CASE("a spec with a duplicate number is reported") {
   OfficeSpec spec = small_office();
   CHECK_FALSE(check_spec(spec).has_value());
   spec.external_numbers.push_back("200");
   auto problem = check_spec(spec);
   REQUIRE(problem.has_value());
   CHECK(problem->find("200") != std::string::npos);
}
