// SPDX-License-Identifier: GPL-3.0-or-later
// The real pbx.osv plugin against the simulator's CSTA server while the server commits the faults
// of server/faults.h: error answers, late and missing answers, resets, broken frames, noise.
#include <algorithm>
#include <chrono>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include <catch2/catch.hpp>

#include "server/faults.h"
#include "sim_rig.h"

namespace {

using namespace std::chrono_literals;

// The fake host records log lines without their level; the tap keeps the level, so a test can
// count warnings apart from the debug lines that follow a first warning.
struct LogTap {
   std::mutex mu;
   std::vector<std::pair<std::int32_t, std::string>> lines;
   void(PORTIER_ABI *forward)(portier_host_ctx *, std::int32_t, portier_str) = nullptr;
};

LogTap &tap() {
   static LogTap t;
   return t;
}

void PORTIER_ABI tapped_log(portier_host_ctx *ctx, std::int32_t level, portier_str msg) {
   {
      std::lock_guard<std::mutex> lock(tap().mu);
      tap().lines.emplace_back(level, std::string(msg.data == nullptr ? "" : msg.data, msg.size));
   }
   tap().forward(ctx, level, msg);
}

// Like simtest::Rig, with short deadlines on the host clock and the log tap in place before the
// plugin starts.
struct FaultRig : test::PluginUnderTest {
   FaultRig() : PluginUnderTest(PBX_OSV_PLUGIN) {
      {
         std::lock_guard<std::mutex> lock(tap().mu);
         tap().lines.clear();
         tap().forward = host.table.log;
      }
      host.table.log = &tapped_log;
      start("{\"host\":\"127.0.0.1\",\"port\":" + std::to_string(sim.port()) +
            ",\"request_timeout_ms\":300,\"reconnect_min_ms\":100,\"reconnect_max_ms\":400}");
      REQUIRE(pbx != nullptr);
      REQUIRE(host.wait([this] { return running(); }));
   }
   ~FaultRig() { stop(); }  // before the simulator goes
   FaultRig(const FaultRig &) = delete;
   FaultRig &operator=(const FaultRig &) = delete;

   void inject(std::string_view line) {
      std::string error;
      auto fault = portier::pbxsim::parse_fault(line, error);
      INFO(error);
      REQUIRE(fault);
      sim.server.inject(*fault);
   }
   std::size_t stops() {
      auto s = host.states();
      return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](const auto &x) {
         return x.first == PORTIER_STATE_STOPPED;
      }));
   }
   // Moves the host clock (the driver's deadlines) in 100 ms steps until `correlation` completes.
   portier_pbx_result_event result_on_host_clock(std::uint64_t correlation) {
      for (int i = 0; i < 50 && results(correlation).empty(); ++i) {
         host.advance(100);
         host.wait([&] { return !results(correlation).empty(); }, 20ms);
      }
      return result(correlation);
   }
   // Warnings (and worse) containing `part`.
   std::size_t warnings(const std::string &part) {
      std::lock_guard<std::mutex> lock(tap().mu);
      return static_cast<std::size_t>(std::count_if(tap().lines.begin(), tap().lines.end(), [&](const auto &l) {
         return l.first >= PORTIER_LOG_WARNING && l.second.find(part) != std::string::npos;
      }));
   }
   bool logged(const std::string &part) {
      std::lock_guard<std::mutex> lock(tap().mu);
      return std::any_of(tap().lines.begin(), tap().lines.end(),
                         [&](const auto &l) { return l.second.find(part) != std::string::npos; });
   }
   // After a dropped link: DND goes on at `device` while nobody watches; the driver must come
   // back on the host clock, re-monitor and report the fresh state.
   bool recovers_with_fresh_state(const std::string &device) {
      if (!host.wait([this] { return !running(); })) return false;
      if (!sim.on_sim([&] { return sim.office.set_dnd(device, true).ok(); })) return false;
      for (int i = 0; i < 100; ++i) {
         host.advance(100);
         if (host.wait([&] { return running() && state_is(device, PORTIER_PBX_DEVICE_DND); }, 50ms)) {
            return sim.on_sim([&] { return sim.office.monitor_count(); }) == 1 &&
                   sim.on_sim([&] { return sim.server.connection_count(); }) == 1;
         }
      }
      return false;
   }

   simtest::Sim sim{simtest::office_spec()};
};

bool has_call_event(const std::vector<portier_pbx_call_event> &calls, std::int32_t type, const std::string &call_id) {
   return std::any_of(calls.begin(), calls.end(),
                      [&](const auto &c) { return c.call_event == type && call_id == c.call_id; });
}

}  // namespace

TEST_CASE("an injected CSTA error fails the command with the error as detail, once") {
   FaultRig rig;
   rig.inject("error MakeCall stateIncompatibility/invalidCallState");
   portier_error err = PORTIER_ERROR_INIT;
   REQUIRE(rig.pbx->make_call(rig.inst, "100", "300", 1, &err) == PORTIER_PENDING);
   const auto refused = rig.result(1);
   CHECK(refused.status != PORTIER_OK);
   CHECK(refused.detail / 1000 == 3);  // stateIncompatibility
   CHECK(std::string(refused.message) == "stateIncompatibility: invalidCallState");
   CHECK(rig.sim.on_sim([&] { return rig.sim.office.snapshot_device("100").value.calls.size(); }) == 0);

   // the rule is used up: the same request now reaches the office
   REQUIRE(rig.pbx->make_call(rig.inst, "100", "300", 2, &err) == PORTIER_PENDING);
   CHECK(rig.result(2).status == PORTIER_OK);
   CHECK(rig.sim.on_sim([&] { return rig.sim.server.fault_rule_count(); }) == 0);
}

TEST_CASE("an error rule for any request with a count refuses exactly that many requests") {
   FaultRig rig;
   rig.inject("error * security/requestedServiceNotAllowed times 2");
   portier_error err = PORTIER_ERROR_INIT;
   for (std::uint64_t c = 1; c <= 3; ++c) REQUIRE(rig.pbx->set_dnd(rig.inst, "300", c == 3, c, &err) == PORTIER_PENDING);
   CHECK(std::string(rig.result(1).message) == "security: requestedServiceNotAllowed");
   CHECK(std::string(rig.result(2).message) == "security: requestedServiceNotAllowed");
   CHECK(rig.result(3).status == PORTIER_OK);
   CHECK(rig.sim.on_sim([&] { return rig.sim.office.get_dnd("300").value; }));
}

TEST_CASE("a delayed answer still completes the command") {
   FaultRig rig;
   rig.monitor("100", 1);
   rig.inject("delay MakeCall 400");
   const auto sent = std::chrono::steady_clock::now();
   portier_error err = PORTIER_ERROR_INIT;
   REQUIRE(rig.pbx->make_call(rig.inst, "100", "300", 2, &err) == PORTIER_PENDING);
   const auto made = rig.result(2);
   CHECK(std::chrono::steady_clock::now() - sent >= 350ms);
   REQUIRE(made.status == PORTIER_OK);
   // the call went on at the office meanwhile: its events came before the late answer
   CHECK(has_call_event(rig.calls_at("100"), PORTIER_PBX_CALL_ORIGINATED, made.call_id));
}

TEST_CASE("a dropped answer times out on the host clock and the link stays usable") {
   FaultRig rig;
   rig.inject("drop SetDoNotDisturb");
   portier_error err = PORTIER_ERROR_INIT;
   REQUIRE(rig.pbx->set_dnd(rig.inst, "300", true, 1, &err) == PORTIER_PENDING);
   const auto timed_out = rig.result_on_host_clock(1);
   CHECK(timed_out.status == PORTIER_ERR_TIMEOUT);
   // the request itself was carried out; only its answer was lost
   CHECK(rig.sim.on_sim([&] { return rig.sim.office.get_dnd("300").value; }));
   CHECK(rig.running());
   REQUIRE(rig.pbx->set_dnd(rig.inst, "300", false, 2, &err) == PORTIER_PENDING);
   CHECK(rig.result(2).status == PORTIER_OK);
   CHECK(rig.stops() == 1);  // only the one before the first connection
}

TEST_CASE("an answer arriving after the timeout is ignored") {
   FaultRig rig;
   rig.inject("delay SetDoNotDisturb 700");
   portier_error err = PORTIER_ERROR_INIT;
   REQUIRE(rig.pbx->set_dnd(rig.inst, "300", true, 1, &err) == PORTIER_PENDING);
   CHECK(rig.result_on_host_clock(1).status == PORTIER_ERR_TIMEOUT);
   REQUIRE(rig.host.wait([&] { return rig.logged("late or unasked"); }));
   CHECK(rig.results(1).size() == 1);
   CHECK(rig.running());
   REQUIRE(rig.pbx->set_dnd(rig.inst, "300", false, 2, &err) == PORTIER_PENDING);
   CHECK(rig.result(2).status == PORTIER_OK);
}

TEST_CASE("a TCP reset is logged once and the driver reconnects with fresh state") {
   FaultRig rig;
   rig.monitor("100", 1);
   REQUIRE(rig.host.wait([&] { return rig.state_is("100", PORTIER_PBX_DEVICE_IDLE); }));
   rig.inject("reset");
   REQUIRE(rig.recovers_with_fresh_state("100"));
   CHECK(rig.warnings("link lost") == 1);
}

TEST_CASE("an oversized frame is logged once and the driver reconnects with fresh state") {
   FaultRig rig;
   rig.monitor("100", 1);
   REQUIRE(rig.host.wait([&] { return rig.state_is("100", PORTIER_PBX_DEVICE_IDLE); }));
   rig.inject("oversized");
   REQUIRE(rig.recovers_with_fresh_state("100"));
   CHECK(rig.warnings("bad frame") == 1);
   CHECK(rig.warnings("link lost") == 1);
}

TEST_CASE("a truncated frame is logged once and the driver reconnects with fresh state") {
   FaultRig rig;
   rig.monitor("100", 1);
   REQUIRE(rig.host.wait([&] { return rig.state_is("100", PORTIER_PBX_DEVICE_IDLE); }));
   rig.inject("truncated");
   REQUIRE(rig.recovers_with_fresh_state("100"));
   CHECK(rig.warnings("link lost inside a frame") == 1);
   CHECK(rig.warnings("link lost") == 1);
}

TEST_CASE("malformed frames are one warning per connection and the link keeps working") {
   FaultRig rig;
   rig.monitor("100", 1);
   REQUIRE(rig.host.wait([&] { return rig.state_is("100", PORTIER_PBX_DEVICE_IDLE); }));
   for (int i = 0; i < 3; ++i) rig.inject("malformed");
   // an event after them still arrives: the framing held
   REQUIRE(rig.sim.on_sim([&] { return rig.sim.office.set_dnd("100", true).ok(); }));
   REQUIRE(rig.host.wait([&] { return rig.state_is("100", PORTIER_PBX_DEVICE_DND); }));
   CHECK(rig.warnings("not understood") == 1);
   CHECK(rig.logged("CSTA message 9999 not understood"));
   CHECK(rig.running());
   CHECK(rig.stops() == 1);

   // a new connection gets its own warning
   rig.sim.server.drop_all_connections();
   REQUIRE(rig.host.wait([&] { return !rig.running(); }));
   for (int i = 0; i < 100 && !rig.running(); ++i) {
      rig.host.advance(100);
      rig.host.wait([&] { return rig.running(); }, 50ms);
   }
   REQUIRE(rig.running());
   rig.inject("malformed");
   CHECK(rig.host.wait([&] { return rig.warnings("not understood") == 2; }));
}

TEST_CASE("with private-data noise on, events still become the right records") {
   FaultRig rig;
   rig.monitor("100", 1);
   rig.monitor("200", 2);
   rig.inject("noise on");
   portier_error err = PORTIER_ERROR_INIT;
   REQUIRE(rig.pbx->make_call(rig.inst, "100", "200", 3, &err) == PORTIER_PENDING);
   const auto made = rig.result(3);
   REQUIRE(made.status == PORTIER_OK);
   const std::string call_id = made.call_id;
   // 200 answers by itself after 200 ms
   REQUIRE(rig.host.wait([&] { return has_call_event(rig.calls_at("200"), PORTIER_PBX_CALL_ESTABLISHED, call_id); }));
   REQUIRE(rig.host.wait([&] { return has_call_event(rig.calls_at("100"), PORTIER_PBX_CALL_ESTABLISHED, call_id); }));
   CHECK(has_call_event(rig.calls_at("100"), PORTIER_PBX_CALL_ORIGINATED, call_id));
   CHECK(has_call_event(rig.calls_at("200"), PORTIER_PBX_CALL_DELIVERED, call_id));
   for (const auto &c : rig.calls_at("200")) {
      CHECK(std::string(c.calling) == "100");  // not the 777 or 999 hidden in the noise
   }
   CHECK(rig.host.wait([&] { return rig.state_is("100", PORTIER_PBX_DEVICE_BUSY); }));
   CHECK(rig.warnings("not understood") == 0);
}
