// SPDX-License-Identifier: GPL-3.0-or-later
#include "office_test_support.h"

#include <algorithm>

using namespace portier::pbxsim;
using namespace portier::pbxsim::test;

TEST_CASE("only monitored devices produce events") {
   Office office(small_office());
   REQUIRE(office.monitor_start("200").ok());
   std::string id = make_call(office, "100", "200");
   REQUIRE(office.answer("200", id).ok());
   CHECK(lines(office.drain_events()) ==
         V{"200 Delivered alerting newCall", "200 Established connected newCall"});
   REQUIRE(office.set_dnd("300", true).ok());
   CHECK(office.drain_events().empty());
}

TEST_CASE("a stopped monitor reports nothing more") {
   Office office(small_office());
   auto xref = office.monitor_start("100");
   REQUIRE(xref.ok());
   CHECK(office.monitor_start("100").value == xref.value);
   REQUIRE(office.monitor_stop(xref.value).ok());
   CHECK(office.monitor_count() == 0);
   make_call(office, "100", "200");
   CHECK(office.drain_events().empty());
   CHECK(office.monitor_stop(xref.value).error->value == ErrorValue::invalid_cross_ref_id);
}

TEST_CASE("each monitor has its own cross-reference id") {
   Office office(small_office());
   auto a = office.monitor_start("100");
   auto b = office.monitor_start("200");
   CHECK(a.value != b.value);
   make_call(office, "100", "200");
   for (const auto &ev : call_events(office.drain_events()))
      CHECK(ev.cross_ref == (ev.monitored == "100" ? a.value : b.value));
}

TEST_CASE("ten thousand monitored devices with a thousand calls stay consistent") {
   OfficeSpec spec;
   for (int i = 0; i < 10000; ++i) {
      ExtensionSpec ext;
      ext.number = std::to_string(20000 + i);
      ext.display_name = "User " + ext.number;
      if (i % 2 == 1)
         ext.rules.answer_after_ms = 1000 + static_cast<std::uint32_t>(i % 7) * 100;
      ext.rules.hang_up_after_ms = 30000;
      spec.extensions.push_back(ext);
   }
   Office office(spec);
   for (const auto &ext : spec.extensions)
      REQUIRE(office.monitor_start(ext.number).ok());
   CHECK(office.monitor_count() == 10000);

   // 1,000 calls from even to odd extensions: 6 events each up to Established, 2 more to clear.
   for (int i = 0; i < 1000; ++i)
      REQUIRE(office.make_call(std::to_string(20000 + 2 * i), std::to_string(20001 + 2 * i)).ok());
   CHECK(office.call_count() == 1000);
   CHECK(office.pending_events() == 4000);
   office.advance(2000);
   CHECK(office.pending_events() == 6000);
   CHECK(state(office, "20001") == DeviceState::busy);
   office.advance(30000);
   auto events = office.drain_events();
   CHECK(events.size() == 8000);
   CHECK(office.call_count() == 0);
   auto cleared = std::count_if(events.begin(), events.end(), [](const OfficeEvent &ev) {
      return std::get<CallEvent>(ev).type == CallEventType::connection_cleared;
   });
   CHECK(cleared == 2000);
   CHECK(state(office, "20000") == DeviceState::idle);
}
