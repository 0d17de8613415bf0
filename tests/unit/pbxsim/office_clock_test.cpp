// SPDX-License-Identifier: GPL-3.0-or-later
#include "office_test_support.h"

using namespace portier::pbxsim;
using namespace portier::pbxsim::test;

TEST_CASE("a phone with an answer rule answers after its delay") {
   OfficeSpec spec = small_office();
   extension(spec, "200").rules.answer_after_ms = 3000;
   Office office = monitored_office(spec);
   make_call(office, "100", "200");
   office.drain_events();
   office.advance(2999);
   CHECK(state(office, "200") == DeviceState::ringing);
   office.advance(1);
   CHECK(lines(office.drain_events()) ==
         V{"100 Established connected newCall", "200 Established connected newCall"});
   CHECK(office.now_ms() == 3000);
}

TEST_CASE("a phone with a hang-up rule clears the calls it answered") {
   OfficeSpec spec = small_office();
   extension(spec, "200").rules.answer_after_ms = 1000;
   extension(spec, "200").rules.hang_up_after_ms = 5000;
   Office office = monitored_office(spec);
   make_call(office, "100", "200");
   office.drain_events();
   office.advance(10000); // answer at 1 s and hang up at 6 s, both in one step
   auto events = call_events(office.drain_events());
   CHECK(lines({events.begin(), events.end()}) == V{"100 Established connected newCall",
                                                    "200 Established connected newCall",
                                                    "100 ConnectionCleared null normalClearing",
                                                    "200 ConnectionCleared null normalClearing"});
   CHECK(events[2].subject == "200");
   CHECK(office.call_count() == 0);
}

TEST_CASE("a phone without an answer rule rings until someone acts") {
   Office office = monitored_office(small_office());
   make_call(office, "100", "200");
   office.drain_events();
   office.advance(24 * 3600 * 1000ull);
   CHECK(office.drain_events().empty());
   CHECK(state(office, "200") == DeviceState::ringing);
}

TEST_CASE("the hang-up rule follows a call that was transferred to the phone") {
   OfficeSpec spec = small_office();
   extension(spec, "200").rules.answer_after_ms = 1000;
   extension(spec, "200").rules.hang_up_after_ms = 4000;
   Office office = monitored_office(spec);
   auto in = office.incoming_call("+4989111", "100");
   REQUIRE(office.answer("100", in.value.call_id).ok());
   auto consult = office.consultation_call("100", in.value.call_id, "200");
   REQUIRE(consult.ok());
   office.advance(1000); // 200 answers the consultation
   auto done = office.transfer("100", in.value.call_id, consult.value.call_id);
   REQUIRE(done.ok());
   office.drain_events();
   office.advance(4000);
   CHECK(lines(office.drain_events()) == V{"200 ConnectionCleared null normalClearing"});
   CHECK(office.call_count() == 0);
}

TEST_CASE("the same script gives the same event stream") {
   auto run = [] {
      OfficeSpec spec = small_office();
      extension(spec, "300").rules.answer_after_ms = 2000;
      extension(spec, "300").rules.hang_up_after_ms = 7000;
      extension(spec, "400").rules.busy = true;
      Office office = monitored_office(spec);
      office.set_forwarding("200", ForwardType::no_answer, true, "300");
      auto a = office.incoming_call("+4989111", "200");
      auto b = office.make_call("100", "400");
      office.advance(500);
      office.clear_connection("100", b.value.call_id);
      auto c = office.make_call("100", "500");
      office.advance(16000);
      office.deflect("500", c.value.call_id, "+4989222");
      office.external_answer("+4989222", c.value.call_id);
      office.advance(30000);
      return office.drain_events();
   };
   auto first = run();
   auto second = run();
   CHECK(first.size() > 10);
   CHECK(first == second);
}
