// SPDX-License-Identifier: MIT
// portier::Host and portier::Timer against the fake host.
#include <catch2/catch.hpp>

#include <chrono>
#include <cstring>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>

#include <portier/portier.hpp>

#include "fake_host.hpp"

using namespace std::chrono_literals;

TEST_CASE("log and its shortcuts forward level and text to the host") {
   fake::Host fake;
   portier::Host host(&fake.table);
   host.info("hello");
   host.warn("careful");
   host.error("broken");
   host.debug("detail");
   REQUIRE(fake.logs.size() == 4);
   CHECK(fake.logged(PORTIER_LOG_INFO, "hello"));
   CHECK(fake.logged(PORTIER_LOG_WARNING, "careful"));
   CHECK(fake.logged(PORTIER_LOG_ERROR, "broken"));
   CHECK(fake.logged(PORTIER_LOG_DEBUG, "detail"));
}

TEST_CASE("an empty Host drops logs and refuses services") {
   portier::Host host;
   host.info("nobody hears this");
   CHECK(host.now_us() == 0);
   CHECK(host.report_state(PORTIER_STATE_RUNNING).status() == PORTIER_ERR_STATE);
   CHECK_FALSE(host.secret("x").has_value());
   CHECK_FALSE(host.is_engine_thread());
}

TEST_CASE("has() is false for a function beyond the host's struct_size") {
   fake::Host fake;
   portier::Host host(&fake.table);
   CHECK(host.has<&portier_host::get_service>());
   fake.table.struct_size = static_cast<std::uint32_t>(offsetof(portier_host, get_service));
   CHECK_FALSE(host.has<&portier_host::get_service>());
   CHECK(host.get_service<int>("portier.host.client/1") == nullptr);
   CHECK(host.has<&portier_host::is_engine_thread>());
   fake.table.is_engine_thread = nullptr;
   CHECK_FALSE(host.has<&portier_host::is_engine_thread>());
}

TEST_CASE("post fills in the host time when the record has none") {
   fake::Host fake;
   fake.clock_us = 123456;
   portier::Host host(&fake.table);
   auto ev = portier::make_event<portier_pbx_device_event>(PORTIER_SPACE_PBX, PORTIER_PBX_EV_DEVICE);
   portier::copy(ev.device, "100");
   REQUIRE(host.post(ev).ok());
   ev.header.time_us = 5;
   REQUIRE(host.post(ev).ok());
   REQUIRE(fake.events.size() == 2);
   portier_pbx_device_event first{}, second{};
   std::memcpy(&first, fake.events[0].data(), sizeof first);
   std::memcpy(&second, fake.events[1].data(), sizeof second);
   CHECK(first.header.time_us == 123456);
   CHECK(std::string(first.device) == "100");
   CHECK(second.header.time_us == 5);
}

TEST_CASE("post reports a full engine queue as BUSY") {
   fake::Host fake;
   fake.post_result = PORTIER_ERR_BUSY;
   portier::Host host(&fake.table);
   auto ev = portier::make_event<portier_pbx_device_event>(PORTIER_SPACE_PBX, PORTIER_PBX_EV_DEVICE);
   const auto r = host.post(ev);
   CHECK(r.status() == PORTIER_ERR_BUSY);
   CHECK(r.message() == "post_event: PORTIER_ERR_BUSY");
}

TEST_CASE("report_state passes state and reason") {
   fake::Host fake;
   portier::Host host(&fake.table);
   REQUIRE(host.report_state(PORTIER_STATE_LIMITED, "node B lost").ok());
   REQUIRE(fake.states.size() == 1);
   CHECK(fake.states[0].first == PORTIER_STATE_LIMITED);
   CHECK(fake.states[0].second == "node B lost");
}

TEST_CASE("secret retries with the size the host asks for") {
   fake::Host fake;
   const std::string long_secret(1000, 's');
   fake.secrets["api-key"] = long_secret;
   fake.secrets["short"] = "pw";
   portier::Host host(&fake.table);
   CHECK(host.secret("api-key") == long_secret);
   REQUIRE(fake.secret_capacities.size() == 2);
   CHECK(fake.secret_capacities[1] == 1001);
   CHECK(host.secret("short") == std::string("pw"));
}

TEST_CASE("an unknown secret gives nullopt") {
   fake::Host fake;
   portier::Host host(&fake.table);
   CHECK_FALSE(host.secret("missing").has_value());
}

TEST_CASE("run_on_engine runs the callable once later and then frees it") {
   fake::Host fake;
   portier::Host host(&fake.table);
   auto token = std::make_shared<int>(0);
   REQUIRE(host.run_on_engine([token] { ++*token; }).ok());
   CHECK(*token == 0);  // never synchronously
   CHECK(token.use_count() == 2);
   fake.run_queued();
   CHECK(*token == 1);
   CHECK(token.use_count() == 1);
}

TEST_CASE("run_on_engine frees the callable when the host refuses it") {
   fake::Host fake;
   fake.run_result = PORTIER_ERR_STATE;
   portier::Host host(&fake.table);
   auto token = std::make_shared<int>(0);
   const auto r = host.run_on_engine([token] { ++*token; });
   CHECK(r.status() == PORTIER_ERR_STATE);
   CHECK(token.use_count() == 1);
   CHECK(fake.queued.empty());
}

TEST_CASE("an exception in an engine callback is logged, not thrown into the host") {
   fake::Host fake;
   portier::Host host(&fake.table);
   REQUIRE(host.run_on_engine([] { throw std::runtime_error("kaputt"); }).ok());
   fake.run_queued();
   CHECK(fake.logged(PORTIER_LOG_ERROR, "exception in engine callback: kaputt"));
}

TEST_CASE("a Timer runs its callable on each tick and cancels itself when destroyed") {
   fake::Host fake;
   portier::Host host(&fake.table);
   int ticks = 0;
   auto token = std::make_shared<int>(0);
   {
      portier::Timer timer(host);
      REQUIRE(timer.start(2s, 500ms, [&ticks, token] { ++ticks; }).ok());
      REQUIRE(fake.timers.size() == 1);
      CHECK(fake.timers.begin()->second.delay_us == 2000000);
      CHECK(fake.timers.begin()->second.period_us == 500000);
      fake.fire_all();
      fake.fire_all();
      CHECK(ticks == 2);
      CHECK(timer.active());
   }
   CHECK(fake.timers.empty());
   CHECK(fake.cancels == 1);
   CHECK(token.use_count() == 1);  // the callable was freed
}

TEST_CASE("restarting a Timer cancels the previous run") {
   fake::Host fake;
   portier::Host host(&fake.table);
   portier::Timer timer(host);
   int a = 0, b = 0;
   REQUIRE(timer.start(1s, 1s, [&a] { ++a; }).ok());
   const std::uint64_t first = timer.id();
   REQUIRE(timer.start(1s, 1s, [&b] { ++b; }).ok());
   CHECK(fake.timers.size() == 1);
   CHECK_FALSE(fake.fire(first));
   fake.fire_all();
   CHECK(a == 0);
   CHECK(b == 1);
   timer.cancel();
   CHECK_FALSE(timer.active());
   CHECK(fake.timers.empty());
}

TEST_CASE("a Timer callback may cancel its own timer") {
   fake::Host fake;
   portier::Host host(&fake.table);
   portier::Timer timer(host);
   int ticks = 0;
   REQUIRE(timer.start(0ms, 10ms, [&] {
      ++ticks;
      timer.cancel();  // frees the callable only after it returns (checked by ASan builds)
   }).ok());
   fake.fire_all();
   CHECK(ticks == 1);
   CHECK_FALSE(timer.active());
   CHECK(fake.timers.empty());
}

TEST_CASE("a Timer the host refuses is not active") {
   fake::Host fake;
   fake.timer_result = PORTIER_ERR_STATE;
   portier::Host host(&fake.table);
   portier::Timer timer(host);
   CHECK(timer.start(1s, 0s, [] {}).status() == PORTIER_ERR_STATE);
   CHECK_FALSE(timer.active());
   portier::Timer no_host;
   CHECK(no_host.start(1s, 0s, [] {}).status() == PORTIER_ERR_STATE);
}

TEST_CASE("a moved Timer keeps the timer, and the moved-from one cancels nothing") {
   fake::Host fake;
   portier::Host host(&fake.table);
   int ticks = 0;
   portier::Timer outer;
   {
      portier::Timer inner(host);
      REQUIRE(inner.start(1s, 1s, [&ticks] { ++ticks; }).ok());
      outer = std::move(inner);
   }
   CHECK(fake.cancels == 0);
   fake.fire_all();
   CHECK(ticks == 1);
}

TEST_CASE("an exception in a timer callback is logged") {
   fake::Host fake;
   portier::Host host(&fake.table);
   portier::Timer timer(host);
   REQUIRE(timer.start(1s, 1s, [] { throw 42; }).ok());
   fake.fire_all();
   CHECK(fake.logged(PORTIER_LOG_ERROR, "exception in timer callback: unknown exception"));
}

TEST_CASE("assert_engine_thread logs a misbehaving plugin off the engine thread") {
   fake::Host fake;
   portier::Host host(&fake.table);
   CHECK(host.assert_engine_thread("start"));
   CHECK(fake.logs.empty());
   fake.on_engine = false;
   CHECK_FALSE(host.assert_engine_thread("start"));  // PORTIER_NO_ASSERT_ABORT in this test
   CHECK(fake.logged(PORTIER_LOG_PLUGIN_MISBEHAVING, "start called off the engine thread"));
}

TEST_CASE("get_service returns the host's table for a served id") {
   fake::Host fake;
   static const int table = 7;
   fake.services["portier.host.client/1"] = &table;
   portier::Host host(&fake.table);
   CHECK(host.get_service<int>("portier.host.client/1") == &table);
   CHECK(host.get_service<int>("portier.host.other/1") == nullptr);
   CHECK(host.core_version() == "1.0.0");
}

TEST_CASE("a Timer callback may restart its own timer") {
   fake::Host fake;
   portier::Host host(&fake.table);
   portier::Timer timer(host);
   int ticks = 0;
   std::function<void()> tick = [&] {
      ++ticks;
      if (ticks < 3) REQUIRE(timer.start(0ms, 0ms, tick).ok());  // a chain of one-shots
   };
   REQUIRE(timer.start(0ms, 0ms, tick).ok());
   for (int i = 0; i < 5; ++i) fake.fire_all();
   CHECK(ticks == 3);
   CHECK(fake.timers.empty());
}

namespace {

struct TestRecord {
   portier_event_header header;
   std::int32_t value;
   std::uint32_t reserved;
};

TestRecord record_of_type(std::uint16_t type) {
   auto ev = portier::make_event<TestRecord>(PORTIER_SPACE_CORE, type);
   ev.value = type * 10;
   return ev;
}

std::uint16_t type_of(const std::vector<unsigned char> &bytes) {
   portier_event_header ev{};
   std::memcpy(&ev, bytes.data(), sizeof ev);
   return ev.type;
}

}  // namespace

TEST_CASE("an EventBatch posts its records at flush, in order, in one host call") {
   fake::Host fake;
   fake.serve_batches();
   portier::EventBatch batch(portier::Host(&fake.table));
   REQUIRE(batch.batching());
   for (std::uint16_t t = 1; t <= 3; ++t) REQUIRE(batch.add(record_of_type(t)).ok());
   CHECK(batch.size() == 3);
   CHECK(fake.events.empty());
   REQUIRE(batch.flush().ok());
   CHECK(batch.size() == 0);
   CHECK(fake.batches == std::vector<std::size_t>{3});
   REQUIRE(fake.events.size() == 3);
   CHECK(type_of(fake.events[0]) == 1);
   CHECK(type_of(fake.events[2]) == 3);
   REQUIRE(batch.flush().ok());  // nothing waiting: no call
   CHECK(fake.batches.size() == 1);
}

TEST_CASE("a full EventBatch flushes before it takes more") {
   fake::Host fake;
   fake.serve_batches();
   portier::EventBatch batch(portier::Host(&fake.table));
   for (std::uint32_t i = 0; i <= PORTIER_EVENT_BATCH_MAX; ++i) REQUIRE(batch.add(record_of_type(7)).ok());
   CHECK(fake.batches == std::vector<std::size_t>{PORTIER_EVENT_BATCH_MAX});
   CHECK(batch.size() == 1);
}

TEST_CASE("an EventBatch posts at once where the host does not batch") {
   fake::Host fake;
   portier::EventBatch batch(portier::Host(&fake.table));
   CHECK_FALSE(batch.batching());
   REQUIRE(batch.add(record_of_type(5)).ok());
   CHECK(fake.events.size() == 1);
   CHECK(batch.size() == 0);
   CHECK(fake.batches.empty());
}

TEST_CASE("an EventBatch whose flush the host refuses reports it and starts empty") {
   fake::Host fake;
   fake.serve_batches();
   portier::EventBatch batch(portier::Host(&fake.table));
   REQUIRE(batch.add(record_of_type(5)).ok());
   fake.post_result = PORTIER_ERR_BUSY;
   const auto r = batch.flush();
   CHECK(r.status() == PORTIER_ERR_BUSY);
   CHECK(batch.size() == 0);
}
