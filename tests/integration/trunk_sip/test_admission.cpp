// SPDX-License-Identifier: GPL-3.0-or-later
// Load shedding (plugins/trunk-sip/src/plugin/admission.h): while the trunk's I/O thread is
// behind, new INVITEs get 503 with Retry-After and an established call still ends normally.
// The I/O thread is held up on purpose: an INVITE to an unknown number makes the trunk log
// "... unknown number ..." on that thread, and this test's log hook sleeps there, so every
// request sent meanwhile is older than the limit when the trunk reads it.
#include <atomic>
#include <memory>
#include <string>
#include <thread>

#include <catch2/catch.hpp>

#include "sip_wire.h"
#include "trunk_rig.h"
#include "trunk_settings.h"

using namespace trunktest;
using namespace std::chrono_literals;

namespace {

const char *kStaller = "+4900000001";  // not in the number plan: 404, logged on the I/O thread
std::atomic<bool> g_stall{false};
void(PORTIER_ABI *g_forward_log)(portier_host_ctx *, std::int32_t, portier_str) = nullptr;

void PORTIER_ABI stalling_log(portier_host_ctx *ctx, std::int32_t level, portier_str msg) {
   const std::string text(msg.data, msg.size);
   if (text.find(kStaller) != std::string::npos && g_stall.exchange(false)) {
      std::this_thread::sleep_for(600ms);  // the I/O thread falls behind by this much
   }
   g_forward_log(ctx, level, msg);
}

int final_status(RawUa &ua) {
   const auto seen = ua.statuses(3s);
   return seen.empty() ? 0 : seen.back();
}

// A new call that waited: the trunk's I/O thread is held up (stalling_log) and the INVITE sent
// 100 ms into the 600 ms stall, so it is about 500 ms old when the trunk reads it, on any
// machine. How the trunk with `max_delay_ms` took it.
struct LateCall {
   int status = 0;               // the caller's last status: 503 when shed
   bool offered = false;         // the engine got INCOMING for it
   bool logged_refusal = false;
};

LateCall late_call(int max_delay_ms) {
   Trunk trunk;
   g_forward_log = trunk.plugin.host.table.log;
   trunk.plugin.host.table.log = &stalling_log;
   TestSettings s;
   s.extra = pilots() + ",\"overload\":{\"max_delay_ms\":" + std::to_string(max_delay_ms) + "}";
   trunk.start(s.json());
   g_stall = true;
   RawUa staller;
   staller.invite(s.sip_port, kStaller);
   std::this_thread::sleep_for(100ms);  // the trunk is now asleep in the log hook
   RawUa late;
   late.invite(s.sip_port, kPilot);
   CHECK(final_status(staller) == 404);
   LateCall out;
   out.offered = trunk.wait([](const Recorded &r) { return !r.incoming.empty(); }, 2s);
   const auto seen = late.statuses(out.offered ? 200ms : 3s);  // an offered call waits for the engine
   out.status = seen.empty() ? 0 : seen.back();
   out.logged_refusal = trunk.plugin.host.logged("overload: new calls refused");
   if (out.status == 503) late.ack();
   return out;
}

}  // namespace

TEST_CASE("while the trunk is behind new calls get 503 with Retry-After and a held call still ends") {
   Trunk trunk;
   g_forward_log = trunk.plugin.host.table.log;
   trunk.plugin.host.table.log = &stalling_log;
   TestSettings s;
   s.extra = pilots() + ",\"overload\":{\"max_delay_ms\":100,\"retry_after_s\":7}";
   trunk.start(s.json());

   // One call answered and confirmed before the trouble starts.
   RawUa held;
   held.invite(s.sip_port, kPilot);
   REQUIRE(trunk.wait([](const Recorded &r) { return r.incoming.size() == 1; }));
   portier_error err = PORTIER_ERROR_INIT;
   REQUIRE(trunk.api().answer(trunk.inst(), trunk.events().incoming.front().call_id, 1, &err) == PORTIER_PENDING);
   std::vector<int> first;
   for (int round = 0; round < 3 && (first.empty() || first.back() != 200); ++round) {
      for (int st : held.statuses(2s)) first.push_back(st);
   }
   REQUIRE(!first.empty());
   REQUIRE(first.back() == 200);
   held.ack();

   // Hold the I/O thread up, then send a burst of new calls and the held call's BYE.
   g_stall = true;
   RawUa staller;
   staller.invite(s.sip_port, kStaller);
   std::this_thread::sleep_for(100ms);  // the trunk is now asleep in the log hook
   std::vector<std::unique_ptr<RawUa>> burst;
   for (int i = 0; i < 5; ++i) {
      burst.push_back(std::make_unique<RawUa>());
      burst.back()->invite(s.sip_port, "+498970071" + std::to_string(i + 1));
   }
   held.bye();

   CHECK(final_status(staller) == 404);
   for (auto &ua : burst) {
      CHECK(final_status(*ua) == 503);
      CHECK(header_value(ua->last_final(), "Retry-After") == "7");
      ua->ack();
   }
   CHECK(final_status(held) == 200);  // the BYE was answered: the admitted call completed
   CHECK(trunk.wait([](const Recorded &r) { return r.incoming.size() == 1; }, 500ms));  // no refused call reached the engine
   CHECK(trunk.plugin.host.logged("overload: new calls refused with 503"));

   // Caught up: the next new call is admitted again.
   RawUa after;
   after.invite(s.sip_port, "+4989700717");
   CHECK(trunk.wait([](const Recorded &r) { return r.incoming.size() == 2; }));
}

TEST_CASE("a request read as soon as it arrives is never shed, whatever the limit's size") {
   Trunk trunk;
   TestSettings s;
   s.extra = pilots() + ",\"overload\":{\"max_delay_ms\":50}";
   trunk.start(s.json());
   std::vector<std::unique_ptr<RawUa>> calls;
   for (int i = 0; i < 3; ++i) {
      calls.push_back(std::make_unique<RawUa>());
      calls.back()->invite(s.sip_port, "+498970071" + std::to_string(i));
      const auto n = static_cast<std::size_t>(i + 1);
      REQUIRE(trunk.wait([n](const Recorded &r) { return r.incoming.size() == n; }));
   }
   CHECK_FALSE(trunk.plugin.host.logged("overload: new calls refused"));

   // The comparison is real: a request that waited longer than a small limit is shed, and the
   // same late request is admitted under a limit larger than its wait.
   const LateCall small = late_call(50);
   CHECK(small.status == 503);
   CHECK_FALSE(small.offered);
   CHECK(small.logged_refusal);
   const LateCall large = late_call(5000);
   CHECK(large.offered);
   CHECK(large.status != 503);
   CHECK_FALSE(large.logged_refusal);
}
