// SPDX-License-Identifier: GPL-3.0-or-later
// SIPp on both sides of the trunk: as the provider service's second leg calling office phones,
// and as the provider service answering a simulated caller's call to a pilot number.
#include <catch2/catch.hpp>

#include <variant>

#include "sim_sip_rig.h"
#include "scratch_dir.h"

using namespace portier::pbxsim;
using namespace portier::pbxsim::test;

namespace {

bool has_event(const std::vector<OfficeEvent> &events, CallEventType type, const std::string &device) {
   for (const OfficeEvent &e : events)
      if (auto *call = std::get_if<CallEvent>(&e); call && call->type == type && call->monitored == device) return true;
   return false;
}

std::vector<std::string> trunk_uac(const std::string &scenario_file, const std::string &number, std::uint16_t sim_port) {
   return {"-sf", scenario(scenario_file), "-s", number, "127.0.0.1:" + std::to_string(sim_port), "-i", "127.0.0.1",
           "-p", std::to_string(free_udp_port()), "-mp", std::to_string(free_sipp_media_port()), "-m", "1",
           "-timeout", "20s", "-timeout_error", "-nostdin"};
}

}  // namespace

TEST_CASE("the trunk's call to an extension rings the phone in the office and is answered") {
   SimSipRig rig(sip_office(), sip_test_options());
   Sipp sipp(trunk_uac("trunk_calls_extension.xml", "+49897007201", rig.port()), portier::test::scratch_path("pbxsim_sip_trunk_calls_extension.log"));
   const int rc = sipp.wait(std::chrono::seconds(25));
   INFO(sipp.log());
   CHECK(rc == 0);
   auto events = rig.events();
   CHECK(has_event(events, CallEventType::delivered, "+49897007201"));
   CHECK(has_event(events, CallEventType::established, "+49897007201"));
   CHECK(rig.wait_until([&] { return rig.office().call_count() == 0; }));  // the BYE cleared it
   CHECK(has_event(rig.events(), CallEventType::connection_cleared, "+49897007201"));
   auto finished = rig.on_io([&] { return rig.sip().finished(); });
   REQUIRE(finished.size() == 1);
   CHECK(finished[0].final_status == 200);
   CHECK(finished[0].rtp_sent > 10);  // the phone's tone went to SIPp's media port
}

TEST_CASE("the trunk's call to a short number reaches the extension below the office prefix") {
   SimSipRig rig(sip_office(), sip_test_options());
   Sipp sipp(trunk_uac("trunk_calls_extension.xml", "201", rig.port()), portier::test::scratch_path("pbxsim_sip_trunk_short.log"));
   const int rc = sipp.wait(std::chrono::seconds(25));
   INFO(sipp.log());
   CHECK(rc == 0);
   CHECK(has_event(rig.events(), CallEventType::established, "+49897007201"));
}

TEST_CASE("a busy extension and one in do-not-disturb answer the trunk with 486") {
   SimSipRig rig(sip_office(), sip_test_options());
   REQUIRE(rig.on_io([&] { return rig.office().set_dnd("+49897007204", true).ok(); }));
   for (const char *number : {"+49897007202", "+49897007204"}) {
      Sipp sipp(trunk_uac("trunk_call_refused.xml", number, rig.port()), portier::test::scratch_path("pbxsim_sip_trunk_refused.log"));
      const int rc = sipp.wait(std::chrono::seconds(25));
      INFO(number << "\n" << sipp.log());
      CHECK(rc == 0);
   }
   auto finished = rig.on_io([&] { return rig.sip().finished(); });
   REQUIRE(finished.size() == 2);
   CHECK(finished[0].final_status == 486);
   CHECK(finished[1].final_status == 486);
   // Neither phone rang, and the office holds no call.
   CHECK_FALSE(has_event(rig.events(), CallEventType::delivered, "+49897007202"));
   CHECK_FALSE(has_event(rig.events(), CallEventType::delivered, "+49897007204"));
   CHECK(rig.on_io([&] { return rig.office().call_count(); }) == 0);
}

TEST_CASE("a simulated caller's pilot call reaches the registered trunk and carries RTP both ways") {
   SimSipRig rig(sip_office(), sip_test_options());
   const std::uint16_t trunk_port = free_udp_port();
   Sipp trunk({"-sf", PBXSIM_SIP_TRUNK_SCENARIOS "/uas_answer.xml", "-i", "127.0.0.1", "-p", std::to_string(trunk_port),
               "-mp", std::to_string(free_sipp_media_port()), "-rtp_echo", "-m", "1", "-timeout", "20s",
               "-timeout_error", "-nostdin", "-set", "ring_ms", "200"},
              portier::test::scratch_path("pbxsim_sip_trunk_uas.log"));
   REQUIRE(rig.register_trunk("portier-cps", "portier", "secret", trunk_port, 305) == 200);
   auto outcome = rig.on_io([&] { return rig.sip().place_call({"+4930901820", "+498970071200", std::nullopt, 2000}); });
   REQUIRE(outcome.empty());
   const int rc = trunk.wait(std::chrono::seconds(25));
   INFO(trunk.log());
   CHECK(rc == 0);
   REQUIRE(rig.wait_until([&] { return !rig.sip().finished().empty(); }));
   auto leg = rig.on_io([&] { return rig.sip().finished().front(); });
   CHECK(leg.caller);
   CHECK(leg.final_status == 200);
   CHECK(leg.rtp_sent > 50);       // 2 s of 20 ms packets, less the start
   CHECK(leg.rtp_received > 10);   // SIPp echoed them back
}
