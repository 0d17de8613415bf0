// SPDX-License-Identifier: GPL-3.0-or-later
// pbx.osv loaded through its descriptor, against a fake CSTA peer on 127.0.0.1.

#include <cstring>
#include <fstream>
#include <iterator>
#include <string>

#include <catch2/catch.hpp>

#include <portier/kind/pbx.h>
#include <portier/portier.h>

#include "fake_peer.h"
#include "plugin_under_test.h"
#include "test_host.h"

namespace {

using test::doc;

// The plugin library, a fake host and a fake PBX, wired together and started.
struct Rig : test::PluginUnderTest {
   test::FakePeer peer;

   Rig() : PluginUnderTest(PBX_OSV_PLUGIN) {
      start("{\"host\":\"127.0.0.1\",\"port\":" + std::to_string(peer.port()) +
            ",\"heartbeat_s\":5,\"request_timeout_ms\":1000,\"reconnect_min_ms\":100,\"reconnect_max_ms\":400}");
      REQUIRE(pbx != nullptr);
   }
   ~Rig() { stop(); }  // before the peer goes

   // Also waits for the state the monitor's snapshot brings: the fake peer answers it from no
   // model of its own, so an event sent before that answer would be undone by it.
   void monitor(const char *device, std::uint64_t correlation) {
      PluginUnderTest::monitor(device, correlation);
      REQUIRE(host.wait([&] { return last_state(device).has_value(); }));
   }
};

std::string delivered(const std::string &xref, const std::string &at, const std::string &from) {
   return doc("DeliveredEvent",
              "<monitorCrossRefID>" + xref + "</monitorCrossRefID>"
              "<connection><callID>FF000100000000000000000000000042</callID><deviceID>" + at + "</deviceID></connection>"
              "<alertingDevice><deviceIdentifier>N&lt;" + at + "&gt;;noa=nk</deviceIdentifier></alertingDevice>"
              "<callingDevice><deviceIdentifier>N&lt;" + from + "&gt;Anna Muster;displayNumber=" + from +
              "</deviceIdentifier></callingDevice>"
              "<calledDevice><deviceIdentifier>N&lt;" + at + "&gt;;noa=nk</deviceIdentifier></calledDevice>"
              "<lastRedirectionDevice><notRequired/></lastRedirectionDevice>"
              "<localConnectionInfo>alerting</localConnectionInfo><cause>newCall</cause>");
}

}  // namespace

TEST_CASE("the PBX's SystemStatus is answered with its own invoke id, then the driver registers and runs") {
   Rig rig;
   const auto first = rig.host.states();
   REQUIRE(!first.empty());
   CHECK(first.front().first == PORTIER_STATE_STOPPED);
   CHECK(first.front().second == "connecting to 127.0.0.1:" + std::to_string(rig.peer.port()));

   REQUIRE(rig.peer.wait_for("SystemRegister"));
   const auto got = rig.peer.received();
   REQUIRE(got.size() >= 2);
   CHECK(got[0].root == "SystemStatusResponse");
   CHECK(got[0].invoke_id == test::kPeerStatusId);
   CHECK(got[1].root == "SystemRegister");
   rig.wait_running();
}

TEST_CASE("commands are refused at once while the link is down") {
   test::TestHost host;
   Rig rig;  // a started rig, to borrow its loaded plugin
   portier_instance *inst = nullptr;
   portier_error err = PORTIER_ERROR_INIT;
   const std::string settings = "{\"port\":1}";  // nothing listens there
   REQUIRE(rig.plugin->create(&host.table, {settings.data(), settings.size()}, &inst, &err) == PORTIER_OK);
   REQUIRE(rig.plugin->start(inst, &err) == PORTIER_OK);
   CHECK(rig.pbx->monitor_start(inst, "100", 1, &err) == PORTIER_ERR_UNAVAILABLE);
   CHECK(host.wait([&] {
      auto s = host.states();
      return !s.empty() && s.back().second.find("cannot connect to 127.0.0.1:1") != std::string::npos;
   }));
   rig.plugin->stop(inst);
   rig.plugin->destroy(inst);
}

TEST_CASE("monitor_start completes with a RESULT carrying its correlation, then the device's state") {
   Rig rig;
   rig.wait_running();
   portier_error err = PORTIER_ERROR_INIT;
   REQUIRE(rig.pbx->monitor_start(rig.inst, "4930555510", 7, &err) == PORTIER_PENDING);
   const auto r = rig.result(7);
   CHECK(r.status == PORTIER_OK);
   CHECK(std::string(r.device) == "4930555510");
   CHECK(rig.peer.received().back().xml.find("4930555510") != std::string::npos);
   CHECK(rig.host.wait([&] { return rig.state_is("4930555510", PORTIER_PBX_DEVICE_IDLE); }));
   CHECK(!rig.peer.cross_ref("4930555510").empty());
}

TEST_CASE("a call event from the PBX reaches the engine as a call record for the right device") {
   Rig rig;
   rig.wait_running();
   rig.monitor("100", 1);
   rig.monitor("200", 2);
   rig.peer.send_event(delivered(rig.peer.cross_ref("200"), "200", "100"));
   REQUIRE(rig.host.wait([&] { return rig.state_is("200", PORTIER_PBX_DEVICE_RINGING); }));
   const auto calls = rig.host.events<portier_pbx_call_event>(PORTIER_PBX_EV_CALL);
   REQUIRE(calls.size() == 1);
   CHECK(std::string(calls[0].device) == "200");
   CHECK(calls[0].call_event == PORTIER_PBX_CALL_DELIVERED);
   CHECK(std::string(calls[0].call_id) == "FF000100000000000000000000000042");
   CHECK(std::string(calls[0].calling) == "100");
   CHECK(std::string(calls[0].called) == "200");
   CHECK(std::string(calls[0].connected) == "200");
   CHECK(calls[0].cause != 0);
   CHECK(calls[0].header.correlation == 0);
   CHECK(rig.state_is("100", PORTIER_PBX_DEVICE_IDLE));
}

TEST_CASE("a CSTAErrorCode answer fails the command with the CSTA error as detail") {
   Rig rig;
   rig.wait_running();
   rig.peer.answer("AnswerCall", doc("CSTAErrorCode", "<stateIncompatibility>noCallToAnswer</stateIncompatibility>"));
   portier_error err = PORTIER_ERROR_INIT;
   REQUIRE(rig.pbx->answer(rig.inst, "100", "FF000100000000000000000000000042", 9, &err) == PORTIER_PENDING);
   const auto r = rig.result(9);
   CHECK(r.status == PORTIER_ERR_STATE);
   CHECK(r.detail == 3008);
   CHECK(std::string(r.message) == "stateIncompatibility: noCallToAnswer");
   CHECK(std::string(r.device) == "100");
}

TEST_CASE("a request the PBX never answers times out, and its late answer is ignored") {
   Rig rig;
   rig.wait_running();
   rig.peer.answer("HoldCall", "");  // never answered
   portier_error err = PORTIER_ERROR_INIT;
   REQUIRE(rig.pbx->hold(rig.inst, "100", "FF000100000000000000000000000042", 11, &err) == PORTIER_PENDING);
   REQUIRE(rig.peer.wait_for("HoldCall"));
   rig.host.advance(500);
   CHECK(rig.results(11).empty());  // not yet: the timeout is 1000 ms
   rig.host.advance(600);
   const auto r = rig.result(11);
   CHECK(r.status == PORTIER_ERR_TIMEOUT);
   CHECK(std::string(r.message).find("HoldCall") != std::string::npos);

   std::uint16_t hold_id = 0;
   for (const auto &m : rig.peer.received()) {
      if (m.root == "HoldCall") hold_id = m.invoke_id;
   }
   rig.peer.send(hold_id, doc("HoldCallResponse"));
   REQUIRE(rig.pbx->snapshot(rig.inst, "100", 12, &err) == PORTIER_PENDING);
   CHECK(rig.result(12).status == PORTIER_OK);  // sent after the late answer, so that was handled
   CHECK(rig.results(11).size() == 1);
}

TEST_CASE("make_call reports the new call id in its result") {
   Rig rig;
   rig.wait_running();
   portier_error err = PORTIER_ERROR_INIT;
   REQUIRE(rig.pbx->make_call(rig.inst, "100", "+4930555520", 21, &err) == PORTIER_PENDING);
   const auto r = rig.result(21);
   CHECK(r.status == PORTIER_OK);
   CHECK(std::string(r.call_id) == "FF000100000000000000000000000001");
   CHECK(rig.peer.received().back().xml.find("+4930555520") != std::string::npos);
}

TEST_CASE("get_features reads forwarding and do-not-disturb into one record before the result") {
   Rig rig;
   rig.wait_running();
   rig.peer.answer("GetForwarding",
                   doc("GetForwardingResponse",
                       "<forwardingList><forwardListItem><forwardingType>forwardImmediate</forwardingType>"
                       "<forwardStatus>true</forwardStatus><forwardDN>+4930555599</forwardDN></forwardListItem>"
                       "<forwardListItem><forwardingType>forwardBusy</forwardingType>"
                       "<forwardStatus>false</forwardStatus></forwardListItem></forwardingList>"));
   rig.peer.answer("GetDoNotDisturb", doc("GetDoNotDisturbResponse", "<doNotDisturbOn>true</doNotDisturbOn>"));
   portier_error err = PORTIER_ERROR_INIT;
   REQUIRE(rig.pbx->get_features(rig.inst, "100", 31, &err) == PORTIER_PENDING);
   CHECK(rig.result(31).status == PORTIER_OK);
   const auto f = rig.host.events<portier_pbx_features_event>(PORTIER_PBX_EV_FEATURES);
   REQUIRE(f.size() == 1);
   CHECK(f[0].header.correlation == 31);
   CHECK(f[0].dnd);
   CHECK(f[0].forward_unconditional);
   CHECK(std::string(f[0].forward_unconditional_to) == "+4930555599");
   CHECK(!f[0].forward_busy);
}

TEST_CASE("a forwarding event marks the monitored device forwarded with its destination") {
   Rig rig;
   rig.wait_running();
   rig.monitor("100", 1);
   // a new monitor reads the device's features first
   REQUIRE(rig.peer.wait_for("GetDoNotDisturb"));
   REQUIRE(rig.host.wait([&] { return rig.host.events<portier_pbx_features_event>(PORTIER_PBX_EV_FEATURES).size() == 1; }));
   rig.peer.send_event(doc("ForwardingEvent",
                           "<monitorCrossRefID>" + rig.peer.cross_ref("100") + "</monitorCrossRefID>"
                           "<device><deviceIdentifier>100</deviceIdentifier></device>"
                           "<forwardingType>forwardImmediate</forwardingType><forwardStatus>true</forwardStatus>"
                           "<forwardTo>+4930555599</forwardTo>"));
   REQUIRE(rig.host.wait([&] { return rig.state_is("100", PORTIER_PBX_DEVICE_FORWARDED); }));
   CHECK(std::string(rig.last_state("100")->forward_to) == "+4930555599");
   const auto f = rig.host.events<portier_pbx_features_event>(PORTIER_PBX_EV_FEATURES);
   REQUIRE(f.size() == 2);
   CHECK(!f[0].forward_unconditional);
   CHECK(f[1].forward_unconditional);
   CHECK(f[1].header.correlation == 0);
}

TEST_CASE("after the PBX drops the link the driver reconnects and re-establishes every monitor") {
   Rig rig;
   rig.wait_running();
   rig.monitor("100", 1);
   rig.monitor("200", 2);
   REQUIRE(rig.peer.wait_for("GetDoNotDisturb", 2));  // each new monitor read snapshot and features
   rig.peer.drop();
   REQUIRE(rig.host.wait([&] {
      auto s = rig.host.states();
      return !s.empty() && s.back().first == PORTIER_STATE_STOPPED && s.back().second.rfind("link lost", 0) == 0;
   }));
   portier_error err = PORTIER_ERROR_INIT;
   CHECK(rig.pbx->snapshot(rig.inst, "100", 3, &err) == PORTIER_ERR_UNAVAILABLE);

   rig.host.advance(150);  // past the first backoff (100 ms)
   REQUIRE(rig.host.wait([&] { return rig.running(); }));
   CHECK(rig.host.logged("retrying in 100 ms"));
   CHECK(rig.peer.connections() == 2);
   REQUIRE(rig.peer.wait_for("MonitorStart", 4));
   REQUIRE(rig.peer.wait_for("SnapshotDevice", 4));
   int remonitored = 0;
   for (const auto &m : rig.peer.received()) remonitored += m.connection == 2 && m.root == "MonitorStart" ? 1 : 0;
   CHECK(remonitored == 2);
   REQUIRE(rig.peer.wait_for("GetDoNotDisturb", 4));  // forwarding and DND re-read per device

   // events on the new cross-ref ids reach the right device
   REQUIRE(rig.host.wait([&] { return !rig.peer.cross_ref("200").empty(); }));
   rig.peer.send_event(delivered(rig.peer.cross_ref("200"), "200", "100"));
   CHECK(rig.host.wait([&] { return rig.state_is("200", PORTIER_PBX_DEVICE_RINGING); }));
}

TEST_CASE("the driver sends its own SystemStatus heartbeat and drops the link after two go unanswered") {
   Rig rig;
   rig.wait_running();
   rig.peer.answer("SystemStatus", "");  // the PBX stops answering
   rig.host.advance(5000);               // heartbeat_s = 5
   REQUIRE(rig.peer.wait_for("SystemStatus", 1));
   for (const auto &m : rig.peer.received()) {
      if (m.root == "SystemStatus") CHECK(m.invoke_id <= 9998);
   }
   rig.host.advance(1100);
   rig.host.advance(4000);
   REQUIRE(rig.peer.wait_for("SystemStatus", 2));
   CHECK(rig.running());  // one miss is tolerated
   rig.host.advance(1100);
   CHECK(rig.host.wait([&] {
      auto s = rig.host.states();
      return !s.empty() && s.back().first == PORTIER_STATE_STOPPED &&
             s.back().second.find("no answer to SystemStatus") != std::string::npos;
   }));
}

TEST_CASE("a recorded OpenScape Voice OriginatedEvent frame becomes an ORIGINATED record and a busy lamp") {
   std::ifstream file(CSTA_FIXTURES "/originated-event.frame", std::ios::binary);
   REQUIRE(file);
   const std::string frame((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
   Rig rig;
   rig.wait_running();
   rig.peer.preset_cross_ref("302118840100", "1169730059");  // the frame's monitorCrossRefID
   rig.monitor("302118840100", 1);
   REQUIRE(rig.host.wait([&] { return rig.state_is("302118840100", PORTIER_PBX_DEVICE_IDLE); }));
   rig.peer.send_raw(frame);
   REQUIRE(rig.host.wait([&] { return rig.state_is("302118840100", PORTIER_PBX_DEVICE_BUSY); }));
   const auto calls = rig.host.events<portier_pbx_call_event>(PORTIER_PBX_EV_CALL);
   REQUIRE(calls.size() == 1);
   CHECK(calls[0].call_event == PORTIER_PBX_CALL_ORIGINATED);
   CHECK(std::string(calls[0].call_id) == "FF000100000000002D65C85C1C750000");
   CHECK(std::string(calls[0].calling) == "302118840100");
   CHECK(std::string(calls[0].called) == "302118840101");
}
