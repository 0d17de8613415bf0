// SPDX-License-Identifier: GPL-3.0-or-later
// The engine's host parts without a plugin: the trunk adapter over a fake "portier.trunk/1"
// table, the failure policy, trunk event records, and timers on the kernel loop's simulated clock.
#include <catch2/catch.hpp>

#include <chrono>
#include <cstring>
#include <memory>
#include <vector>

#include "engine/host/command_failures.h"
#include "engine/host/engine_log.h"
#include "engine/host/engine_timers.h"
#include "engine/host/trunk_adapter.h"
#include "engine/host/trunk_events.h"
#include "fake_trunk_table.h"
#include "host_rig.h"
#include "pilot_data.h"
#include "kernel/clock.h"
#include "kernel/engine_loop.h"

namespace portier::engine::test {
namespace {

constexpr const char *kPilot = "+4930100";
constexpr const char *kDevice = "+4930555";

EngineData one_pilot() {
   EngineData data = pilot_data(kPilot);
   data.tenants[0].times.default_ring_time_ms = 3000;
   data.tenants[0].times.max_time_in_incoming_queue_ms = 60000;
   data.ddi[0].time_overflow_variant = "sorry";
   Variant sorry;
   sorry.id = "sorry";
   sorry.mode = VariantMode::announcement;
   sorry.announcement = "sorry-msg";
   sorry.tenant = std::string(kDefaultTenant);
   data.variants.push_back(sorry);
   return data;
}

struct Rig : HostRig {
   Rig() : HostRig(one_pilot()) {}
   void incoming(const char *id) { incoming_to(id, kPilot); }
   void result(std::uint64_t correlation, portier_status status, const char *id) {
      portier_trunk_result_event r{};
      r.header = PORTIER_EVENT_HEADER_INIT(portier_trunk_result_event, PORTIER_SPACE_TRUNK, PORTIER_TRUNK_EV_RESULT);
      r.header.correlation = correlation;
      r.status = status;
      r.detail = status == PORTIER_OK ? 0 : 486;
      portier_copy_str(r.call_id, sizeof r.call_id, id);
      REQUIRE(route_trunk_event(r.header, *engine, adapter) == TrunkEventUse::adapter);
   }
   void log_on_attendant() { log_on_anna(kDevice, kPilot); }
};

}  // namespace

TEST_CASE("an INCOMING record rings the call and after the ring time it is answered with looping music",
          "[engine_host]") {
   Rig rig;
   rig.incoming("in-1");
   REQUIRE(rig.trunk.last("ring", "in-1") != nullptr);
   REQUIRE(rig.trunk.last("answer", "in-1") == nullptr);
   rig.advance_ms(2999);
   REQUIRE(rig.trunk.last("answer", "in-1") == nullptr);
   rig.advance_ms(1);
   REQUIRE(rig.trunk.last("answer", "in-1") != nullptr);
   REQUIRE(rig.trunk.last("play moh loop", "in-1") != nullptr);
   REQUIRE(rig.engine->find_call("in-1")->phase == CallPhase::waiting);
}

TEST_CASE("an ENDED record for a waiting call ends it as abandoned", "[engine_host]") {
   Rig rig;
   rig.incoming("in-1");
   rig.advance_ms(3000);
   portier_trunk_call_event ended{};
   ended.header = PORTIER_EVENT_HEADER_INIT(portier_trunk_call_event, PORTIER_SPACE_TRUNK, PORTIER_TRUNK_EV_ENDED);
   portier_copy_str(ended.call_id, sizeof ended.call_id, "in-1");
   REQUIRE(route_trunk_event(ended.header, *rig.engine, rig.adapter) == TrunkEventUse::engine);
   REQUIRE(rig.engine->find_call("in-1") == nullptr);
   const auto *end = std::get_if<CallEnded>(&rig.events.back());
   REQUIRE(end != nullptr);
   CHECK(end->reason == EndReason::abandoned);
   CHECK(describe(rig.events.back()) == "in-1: ended abandoned after 3000 ms");
}

TEST_CASE("every engine event is logged as one line that starts with its call id", "[engine_host]") {
   CallQueued queued;
   queued.call_id = "in-7";
   queued.queue = "+4930100";
   queued.priority = 5;
   queued.returned = true;
   CHECK(describe(EngineEvent{queued}) == "in-7: queued again in queue +4930100 (priority 5)");
   CallOffered offered;
   offered.call_id = "in-7";
   offered.attendant = "anna";
   offered.leg_id = "portier-leg-2";
   CHECK(describe(EngineEvent{offered}) == "in-7: offered to anna on leg portier-leg-2");
   CallProcessing parked;
   parked.call_id = "in-7";
   parked.state = ProcessingState::paged;
   parked.attendant = "anna";
   parked.callback_number = "+4930260";
   CHECK(describe(EngineEvent{parked}) == "in-7: paged in the processing queue by anna (callback number +4930260)");
   EngineNote note;
   note.call_id = "in-9";
   note.text = "ended ignored: unknown call (status 0)";
   CHECK(describe(EngineEvent{note}) == "in-9: note: ended ignored: unknown call (status 0)");
}

TEST_CASE("a trunk record shorter than its type is malformed and not read", "[engine_host]") {
   Rig rig;
   portier_trunk_incoming_event in{};
   in.header = PORTIER_EVENT_HEADER_INIT(portier_trunk_incoming_event, PORTIER_SPACE_TRUNK, PORTIER_TRUNK_EV_INCOMING);
   in.header.struct_size = sizeof(portier_event_header) + 8;
   REQUIRE(route_trunk_event(in.header, *rig.engine, rig.adapter) == TrunkEventUse::malformed);
   REQUIRE(rig.engine->call_count() == 0);
}

TEST_CASE("a call id that fills its array without a NUL is read up to the array's end", "[engine_host]") {
   Rig rig;
   portier_trunk_incoming_event in{};
   in.header = PORTIER_EVENT_HEADER_INIT(portier_trunk_incoming_event, PORTIER_SPACE_TRUNK, PORTIER_TRUNK_EV_INCOMING);
   std::memset(in.call_id, 'x', sizeof in.call_id);
   portier_copy_str(in.called, sizeof in.called, kPilot);
   REQUIRE(route_trunk_event(in.header, *rig.engine, rig.adapter) == TrunkEventUse::engine);
   REQUIRE(rig.engine->find_call(std::string(sizeof in.call_id, 'x')) != nullptr);
}

TEST_CASE("a push whose place_call the trunk refuses at once goes back to the queue and the attendant becomes "
          "unavailable",
          "[engine_host]") {
   Rig rig;
   rig.trunk.refuse.insert("place_call");
   rig.log_on_attendant();
   rig.incoming("in-1");
   rig.advance_ms(3000);
   REQUIRE(rig.failures.size() == 1);
   CHECK(rig.failures[0].command == TrunkCommand::place_call);
   CHECK(rig.failures[0].status == PORTIER_ERR_STATE);
   CHECK(describe(rig.failures[0]).find("place_call for in-1 failed: PORTIER_ERR_STATE") != std::string::npos);
   REQUIRE(rig.engine->find_call("in-1")->phase == CallPhase::waiting);
   REQUIRE(rig.engine->attendant_state(*rig.engine->find_attendant("anna")) == AttendantState::unavailable);
   REQUIRE(rig.engine->audit().empty());
}

TEST_CASE("a RESULT with an error for place_call takes the push back like a refused leg", "[engine_host]") {
   Rig rig;
   rig.log_on_attendant();
   rig.incoming("in-1");
   rig.advance_ms(3000);
   const Call *call = rig.engine->find_call("in-1");
   REQUIRE(call->phase == CallPhase::offered);
   const TrunkCall *placed = rig.trunk.last("place_call", call->leg);
   REQUIRE(placed != nullptr);
   rig.result(placed->correlation, PORTIER_ERR_UNAVAILABLE, placed->call_id.c_str());
   rig.advance_ms(0);
   REQUIRE(rig.failures.size() == 1);
   CHECK(rig.failures[0].detail == 486);
   REQUIRE(rig.engine->find_call("in-1")->phase == CallPhase::waiting);
   REQUIRE(rig.engine->attendant_state(*rig.engine->find_attendant("anna")) == AttendantState::unavailable);
}

TEST_CASE("RESULTs that report success settle their commands and change nothing", "[engine_host]") {
   Rig rig;
   rig.incoming("in-1");
   rig.advance_ms(3000);
   REQUIRE(rig.adapter.pending() == 3);  // ring, answer, play
   for (const TrunkCall &c : std::vector<TrunkCall>(rig.trunk.calls)) rig.result(c.correlation, PORTIER_OK, "in-1");
   REQUIRE(rig.adapter.pending() == 0);
   REQUIRE(rig.failures.empty());
   REQUIRE(rig.engine->find_call("in-1")->phase == CallPhase::waiting);
}

TEST_CASE("a RESULT with a correlation the adapter never issued is ignored", "[engine_host]") {
   Rig rig;
   rig.incoming("in-1");
   rig.result(999, PORTIER_ERR_NOT_FOUND, "in-1");
   REQUIRE(rig.failures.empty());
   REQUIRE(rig.engine->find_call("in-1") != nullptr);
}

TEST_CASE("an announcement the trunk cannot play ends the variant call instead of leaving it waiting",
          "[engine_host]") {
   Rig rig;
   rig.trunk.refuse.insert("play");
   rig.incoming("in-1");
   rig.advance_ms(3000);  // answered; its looping music is refused too, which only logs
   REQUIRE(rig.engine->find_call("in-1")->phase == CallPhase::waiting);
   rig.advance_ms(60000);  // max time in queue: the overflow announcement, refused
   REQUIRE(rig.trunk.last("play sorry-msg once", "in-1") != nullptr);
   REQUIRE(rig.engine->find_call("in-1") == nullptr);
   REQUIRE(rig.trunk.last("hangup", "in-1") != nullptr);
   const auto *end = std::get_if<CallEnded>(&rig.events.back());
   REQUIRE(end != nullptr);
   CHECK(end->reason == EndReason::variant);
}

TEST_CASE("an answer the trunk refuses ends the call at the trunk and in the engine", "[engine_host]") {
   Rig rig;
   rig.trunk.refuse.insert("answer");
   rig.incoming("in-1");
   rig.advance_ms(3000);
   REQUIRE(rig.trunk.last("hangup", "in-1") != nullptr);
   REQUIRE(rig.engine->find_call("in-1") == nullptr);
}

TEST_CASE("without a trunk every command fails as unavailable and the call is not kept forever",
          "[engine_host]") {
   Rig rig;
   rig.adapter.detach();
   rig.incoming("in-1");
   rig.advance_ms(3000);
   REQUIRE_FALSE(rig.failures.empty());
   CHECK(rig.failures[0].status == PORTIER_ERR_UNAVAILABLE);
   REQUIRE(rig.engine->find_call("in-1") == nullptr);
   REQUIRE(rig.trunk.calls.empty());
}

TEST_CASE("engine timers follow the loop's simulated clock and a cancelled one never fires", "[engine_host]") {
   kernel::SimulatedClock clock(5'000'000);
   kernel::EngineLoop loop(clock, 16);
   loop.adopt_current_thread();
   EngineTimers timers(loop);
   REQUIRE(timers.now_ms() == 5000);
   int fired = 0;
   timers.start(100, [&] { ++fired; });
   const TimerId cancelled = timers.start(50, [&] { fired += 10; });
   timers.cancel(cancelled);
   REQUIRE(timers.pending() == 1);
   loop.advance(99'000);
   REQUIRE(fired == 0);
   loop.advance(1'000);
   REQUIRE(fired == 1);
   REQUIRE(timers.pending() == 0);
   REQUIRE(timers.now_ms() == 5100);
}

TEST_CASE("timers still pending when the engine timers go away never fire", "[engine_host]") {
   kernel::SimulatedClock clock;
   kernel::EngineLoop loop(clock, 16);
   loop.adopt_current_thread();
   int fired = 0;
   {
      EngineTimers timers(loop);
      timers.start(10, [&] { ++fired; });
   }
   loop.advance(20'000);
   REQUIRE(fired == 0);
   REQUIRE(loop.timer_count() == 0);
}

TEST_CASE("local wall time counts weekdays from Monday and minutes from midnight", "[engine_host]") {
   const LocalTime now = local_wall_time();
   using namespace std::chrono;
   const year_month_day date{year{now.date.year}, month{static_cast<unsigned>(now.date.month)},
                             day{static_cast<unsigned>(now.date.day)}};
   REQUIRE(date.ok());
   CHECK(now.weekday == static_cast<int>(weekday{sys_days{date}}.iso_encoding()) - 1);
   CHECK(now.minute >= 0);
   CHECK(now.minute < 1440);
}

}  // namespace portier::engine::test
