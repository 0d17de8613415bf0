// SPDX-License-Identifier: GPL-3.0-or-later
// The ECMA-354 application session option of pbx.osv, against the simulator (which grants,
// resets and stops sessions) and against the fake peer (refusals, termination by the switch).
#include <string>

#include <catch2/catch.hpp>

#include "fake_peer.h"
#include "osv_driver.h"
#include "server/request_answers.h"
#include "sim_rig.h"

namespace {

using simtest::Driver;
using simtest::Sim;

constexpr char kSessionNs[] = "http://www.ecma-international.org/standards/ecma-354/appl_session";

std::string session_settings(std::uint16_t port, const std::string &app_id, int duration_s) {
   return "{\"host\":\"127.0.0.1\",\"port\":" + std::to_string(port) +
          ",\"application_session\":true,\"application_id\":\"" + app_id +
          "\",\"session_duration_s\":" + std::to_string(duration_s) +
          ",\"reconnect_min_ms\":100,\"reconnect_max_ms\":400,\"request_timeout_ms\":2000}";
}

std::vector<portier::pbxsim::AppSessionInfo> sessions_of(Sim &sim, const std::string &app_id) {
   std::vector<portier::pbxsim::AppSessionInfo> out;
   for (auto &s : sim.on_sim([&] { return portier::pbxsim::application_sessions(sim.office); })) {
      if (s.application_id == app_id) out.push_back(s);
   }
   return out;
}

std::string session_doc(const std::string &root, const std::string &inner) {
   return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><" + root + " xmlns=\"" + kSessionNs + "\">" + inner + "</" +
          root + ">";
}

std::vector<std::string> roots(test::FakePeer &peer) {
   std::vector<std::string> out;
   for (const auto &r : peer.received()) out.push_back(r.root);
   return out;
}

std::ptrdiff_t index_of(const std::vector<std::string> &all, const std::string &root) {
   return std::find(all.begin(), all.end(), root) - all.begin();
}

}  // namespace

TEST_CASE("with application_session the driver starts a session, resets it at half its duration and stops it") {
   Sim sim(simtest::office_spec());
   Driver driver(session_settings(sim.port(), "SessionTest", 10));
   REQUIRE(driver.host.wait([&] { return driver.running(); }));
   auto sessions = sessions_of(sim, "SessionTest");
   REQUIRE(sessions.size() == 1);
   CHECK(sessions[0].duration_s == 10);
   CHECK(sessions[0].resets == 0);
   CHECK(driver.host.logged("application session " + sessions[0].id));

   driver.host.advance(4000);  // not yet half of 10 s
   driver.host.wait([] { return false; }, std::chrono::milliseconds(200));
   CHECK(sessions_of(sim, "SessionTest")[0].resets == 0);
   driver.host.advance(1100);  // now past 5 s
   CHECK(driver.host.wait([&] { return sessions_of(sim, "SessionTest")[0].resets == 1; }));
   driver.host.advance(5100);
   CHECK(driver.host.wait([&] { return sessions_of(sim, "SessionTest")[0].resets == 2; }));
   CHECK(driver.running());

   driver.stop();
   const auto after = sessions_of(sim, "SessionTest");
   REQUIRE(after.size() == 1);
   CHECK(after[0].stopped);
}

TEST_CASE("the session starts after SystemRegister and before the first MonitorStart") {
   test::FakePeer peer;
   peer.answer("StartApplicationSession",
               session_doc("StartApplicationSessionPosResponse",
                           "<sessionID>s-1</sessionID><actualProtocolVersion>http://www.ecma-international.org/"
                           "standards/ecma-323/csta/ed4</actualProtocolVersion><actualSessionDuration>600</"
                           "actualSessionDuration>"));
   Driver driver(session_settings(peer.port(), "Portier", 600));
   REQUIRE(driver.host.wait([&] { return driver.running(); }));
   driver.monitor("100", 1);
   const auto all = roots(peer);
   const auto start = index_of(all, "StartApplicationSession");
   REQUIRE(start < static_cast<std::ptrdiff_t>(all.size()));
   CHECK(index_of(all, "SystemRegister") < start);
   CHECK(start < index_of(all, "MonitorStart"));
}

TEST_CASE("a refused StartApplicationSession fails the connection with the switch's reason") {
   test::FakePeer peer;
   peer.answer("StartApplicationSession",
               session_doc("StartApplicationSessionNegResponse",
                           "<errorCode><definedError>maxNumberSessions</definedError></errorCode>"));
   Driver driver(session_settings(peer.port(), "Portier", 600));
   REQUIRE(driver.host.wait([&] { return driver.host.logged("StartApplicationSession refused: maxNumberSessions"); }));
   CHECK(!driver.running());
   CHECK(driver.reason().find("StartApplicationSession refused: maxNumberSessions") != std::string::npos);
}

TEST_CASE("ApplicationSessionTerminated from the switch drops the link and the driver starts over") {
   test::FakePeer peer;
   peer.answer("StartApplicationSession",
               session_doc("StartApplicationSessionPosResponse",
                           "<sessionID>s-7</sessionID><actualSessionDuration>600</actualSessionDuration>"));
   Driver driver(session_settings(peer.port(), "Portier", 600));
   REQUIRE(driver.host.wait([&] { return driver.running(); }));
   peer.send_event(session_doc("ApplicationSessionTerminated",
                               "<sessionID>s-7</sessionID><sessionTermReason><definedTermReason>sessionTimerExpired"
                               "</definedTermReason></sessionTermReason>"));
   REQUIRE(driver.host.wait([&] { return !driver.running(); }));
   CHECK(driver.host.logged("application session s-7 ended by the PBX: sessionTimerExpired"));
   CHECK(driver.advance_until([&] { return driver.running(); }));
   CHECK(peer.connections() >= 2);
   CHECK(peer.wait_for("StartApplicationSession", 2));
}
