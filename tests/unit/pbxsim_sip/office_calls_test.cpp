// SPDX-License-Identifier: GPL-3.0-or-later
// An office phone calls a CPS number: the simulated PBX routes the call over the trunk to the
// registered provider service (SIPp here), and carries ringing, answer, failure, hold and
// hang-up between the office model and SIP.
#include <catch2/catch.hpp>

#include <variant>

#include "sim_sip_rig.h"
#include "scratch_dir.h"

using namespace portier::pbxsim;
using namespace portier::pbxsim::test;

namespace {

constexpr const char *kAttendant = "+49897007100";
constexpr const char *kPilot = "+498970071200";

std::optional<CallEvent> find_event(const std::vector<OfficeEvent> &events, CallEventType type, const std::string &device) {
   for (const OfficeEvent &e : events)
      if (auto *call = std::get_if<CallEvent>(&e); call && call->type == type && call->monitored == device) return *call;
   return std::nullopt;
}

// The position of the first event of `type` at `device`, or -1.
int position(const std::vector<OfficeEvent> &events, CallEventType type, const std::string &device) {
   for (std::size_t i = 0; i < events.size(); ++i)
      if (auto *call = std::get_if<CallEvent>(&events[i]); call && call->type == type && call->monitored == device)
         return static_cast<int>(i);
   return -1;
}

// Polls the rig's events from the test thread (wait_until runs on the io thread, where
// events() would wait for itself), bounded.
bool wait_for_event(SimSipRig &rig, CallEventType type, const std::string &device,
                    std::chrono::milliseconds limit = std::chrono::seconds(10)) {
   const auto until = std::chrono::steady_clock::now() + limit;
   while (std::chrono::steady_clock::now() < until) {
      if (find_event(rig.events(), type, device)) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
   }
   return false;
}

// SIPp as the registered provider service, playing `scenario_file` (ours, or trunk.sip's).
struct Trunk {
   std::uint16_t port = free_udp_port();
   Sipp sipp;
   Trunk(const std::string &scenario_path, const std::string &log)
       : sipp({"-sf", scenario_path, "-i", "127.0.0.1", "-p", std::to_string(port), "-mp",
               std::to_string(free_sipp_media_port()), "-rtp_echo", "-m", "1", "-timeout", "20s", "-timeout_error",
               "-nostdin"},
              log) {}
};

std::string trunk_scenario(const std::string &name) { return std::string(PBXSIM_SIP_TRUNK_SCENARIOS) + "/" + name; }

// MakeCall from the attendant to the pilot number; the office call id.
std::string make_call(SimSipRig &rig) {
   auto placed = rig.on_io([&] { return rig.office().make_call(kAttendant, kPilot); });
   REQUIRE(placed.ok());
   return placed.value.call_id;
}

std::optional<SipLegInfo> office_leg(SimSipRig &rig) {
   for (const SipLegInfo &leg : rig.sip().legs())
      if (leg.office) return leg;
   return std::nullopt;
}

}  // namespace

TEST_CASE("an office phone's call to a pilot number goes over the trunk, is answered, talks and ends with BYE") {
   SimSipRig rig(sip_office(), sip_test_options());
   Trunk trunk(scenario("office_call_answer.xml"), portier::test::scratch_path("pbxsim_sip_office_call_answer.log"));
   REQUIRE(rig.register_trunk("portier-cps", "portier", "secret", trunk.port, 305) == 200);
   const std::string call = make_call(rig);

   REQUIRE(wait_for_event(rig, CallEventType::established, kAttendant));
   auto events = rig.events();
   const int originated = position(events, CallEventType::originated, kAttendant);
   const int delivered = position(events, CallEventType::delivered, kAttendant);
   const int established = position(events, CallEventType::established, kAttendant);
   CHECK(originated >= 0);
   CHECK(delivered > originated);  // the 180, not the MakeCall, reports the far end ringing
   CHECK(established > delivered);
   CHECK(find_event(events, CallEventType::established, kAttendant)->connected == kPilot);
   CHECK(find_event(events, CallEventType::delivered, kAttendant)->called == kPilot);

   // The phone's tone goes to the trunk, and SIPp echoes it back.
   CHECK(rig.wait_until([&] {
      auto leg = office_leg(rig);
      return leg && leg->rtp_sent > 20 && leg->rtp_received > 10;
   }));
   auto leg = rig.on_io([&] { return office_leg(rig); });
   REQUIRE(leg);
   CHECK(leg->caller);
   CHECK(leg->party == kAttendant);
   CHECK(leg->number == kPilot);
   CHECK(leg->state == "talking");

   REQUIRE(rig.on_io([&] { return rig.office().clear_connection(kAttendant, call).ok(); }));
   const int rc = trunk.sipp.wait(std::chrono::seconds(25));
   INFO(trunk.sipp.log());
   CHECK(rc == 0);  // the INVITE matched From, To and SDP, and the BYE came
   REQUIRE(rig.wait_until([&] { return !rig.sip().finished().empty(); }));
   auto finished = rig.on_io([&] { return rig.sip().finished(); });
   CHECK(finished.front().office);
   CHECK(finished.front().final_status == 200);
   CHECK(rig.on_io([&] { return rig.office().call_count(); }) == 0);
}

TEST_CASE("a pilot number answering 486 fails the office phone's call with cause busy") {
   SimSipRig rig(sip_office(), sip_test_options());
   Trunk trunk(trunk_scenario("uas_busy.xml"), portier::test::scratch_path("pbxsim_sip_office_call_busy.log"));
   REQUIRE(rig.register_trunk("portier-cps", "portier", "secret", trunk.port, 305) == 200);
   const std::string call = make_call(rig);

   REQUIRE(wait_for_event(rig, CallEventType::failed, kAttendant));
   auto failed = *find_event(rig.events(), CallEventType::failed, kAttendant);
   CHECK(failed.cause == EventCause::busy);
   CHECK(failed.local_state == ConnectionState::fail);
   CHECK_FALSE(find_event(rig.events(), CallEventType::established, kAttendant));
   const int rc = trunk.sipp.wait(std::chrono::seconds(25));
   INFO(trunk.sipp.log());
   CHECK(rc == 0);
   // A failed call stays at the phone until it hangs up, as any failed office call does.
   REQUIRE(rig.on_io([&] { return rig.office().clear_connection(kAttendant, call).ok(); }));
   CHECK(rig.on_io([&] { return rig.office().call_count(); }) == 0);
   auto finished = rig.on_io([&] { return rig.sip().finished(); });
   REQUIRE(finished.size() == 1);
   CHECK(finished[0].final_status == 486);
}

TEST_CASE("an office phone hanging up while the pilot number rings sends CANCEL and the 487 ends the leg") {
   SimSipRig rig(sip_office(), sip_test_options());
   Trunk trunk(trunk_scenario("uas_no_answer.xml"), portier::test::scratch_path("pbxsim_sip_office_call_cancel.log"));
   REQUIRE(rig.register_trunk("portier-cps", "portier", "secret", trunk.port, 305) == 200);
   const std::string call = make_call(rig);

   REQUIRE(wait_for_event(rig, CallEventType::delivered, kAttendant));
   REQUIRE(rig.on_io([&] { return rig.office().clear_connection(kAttendant, call).ok(); }));
   const int rc = trunk.sipp.wait(std::chrono::seconds(25));
   INFO(trunk.sipp.log());
   CHECK(rc == 0);  // CANCEL came, 200 and 487 went, the 487 was ACKed
   REQUIRE(rig.wait_until([&] { return !rig.sip().finished().empty(); }));
   auto finished = rig.on_io([&] { return rig.sip().finished(); });
   CHECK(finished[0].office);
   CHECK(finished[0].final_status == 487);
   auto events = rig.events();
   CHECK_FALSE(find_event(events, CallEventType::established, kAttendant));
   CHECK_FALSE(find_event(events, CallEventType::failed, kAttendant));  // the phone left; nothing failed
   CHECK(find_event(events, CallEventType::connection_cleared, kAttendant));
}

TEST_CASE("holding and retrieving an office phone's trunk call sends re-INVITEs with sendonly and sendrecv") {
   SimSipRig rig(sip_office(), sip_test_options());
   Trunk trunk(scenario("office_call_hold.xml"), portier::test::scratch_path("pbxsim_sip_office_call_hold.log"));
   REQUIRE(rig.register_trunk("portier-cps", "portier", "secret", trunk.port, 305) == 200);
   const std::string call = make_call(rig);

   REQUIRE(wait_for_event(rig, CallEventType::established, kAttendant));
   REQUIRE(rig.on_io([&] { return rig.office().hold(kAttendant, call).ok(); }));
   CHECK(rig.wait_until([&] {
      auto leg = office_leg(rig);
      return leg && leg->state == "held";
   }));
   REQUIRE(rig.on_io([&] { return rig.office().retrieve(kAttendant, call).ok(); }));
   CHECK(rig.wait_until([&] {
      auto leg = office_leg(rig);
      return leg && leg->state == "talking";
   }));
   REQUIRE(rig.on_io([&] { return rig.office().clear_connection(kAttendant, call).ok(); }));
   const int rc = trunk.sipp.wait(std::chrono::seconds(25));
   INFO(trunk.sipp.log());
   CHECK(rc == 0);  // sendonly, then sendrecv, then BYE, in that order
}

TEST_CASE("an office phone's call to a pilot number fails at once when no trunk is registered") {
   SimSipRig rig(sip_office(), sip_test_options());
   const auto started = std::chrono::steady_clock::now();
   make_call(rig);
   REQUIRE(wait_for_event(rig, CallEventType::failed, kAttendant, std::chrono::seconds(2)));
   CHECK(std::chrono::steady_clock::now() - started < std::chrono::milliseconds(500));
   auto failed = *find_event(rig.events(), CallEventType::failed, kAttendant);
   CHECK(failed.cause == EventCause::network_not_obtainable);
   CHECK(failed.subject == kPilot);
   CHECK_FALSE(find_event(rig.events(), CallEventType::delivered, kAttendant));
   CHECK(rig.on_io([&] { return rig.sip().legs().empty() && rig.sip().finished().empty(); }));
}

TEST_CASE("an office phone hanging up before the trunk's first provisional response holds the CANCEL back until it comes") {
   SimSipRig rig(sip_office(), sip_test_options());
   Trunk trunk(scenario("office_call_late_ring.xml"), portier::test::scratch_path("pbxsim_sip_office_call_late_ring.log"));
   REQUIRE(rig.register_trunk("portier-cps", "portier", "secret", trunk.port, 305) == 200);
   const std::string call = make_call(rig);
   REQUIRE(rig.wait_until([&] { return office_leg(rig).has_value(); }));
   std::this_thread::sleep_for(std::chrono::milliseconds(200));  // the INVITE is there, no answer yet
   REQUIRE(rig.on_io([&] { return rig.office().clear_connection(kAttendant, call).ok(); }));
   const int rc = trunk.sipp.wait(std::chrono::seconds(25));
   INFO(trunk.sipp.log());
   CHECK(rc == 0);  // no CANCEL during the pause; it came after the 180
   REQUIRE(rig.wait_until([&] { return !rig.sip().finished().empty(); }));
   CHECK(rig.on_io([&] { return rig.sip().finished().front().final_status; }) == 487);
}
