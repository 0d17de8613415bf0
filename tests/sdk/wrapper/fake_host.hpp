// SPDX-License-Identifier: MIT
// A tiny in-memory portier_host for the wrapper tests: records logs, states and events, holds
// timers and queued engine callbacks until the test fires them, and serves secrets.
#pragma once

#include <cstdint>
#include <cstring>
#include <map>
#include <string>
#include <vector>

#include <portier/portier.h>

namespace fake {

struct LogLine {
   std::int32_t level;
   std::string text;
};

struct TimerEntry {
   std::int64_t delay_us;
   std::int64_t period_us;
   portier_engine_fn fn;
   void *user;
};

struct Callback {
   portier_engine_fn fn;
   void *user;
};

class Host {
public:
   Host() {
      table.struct_size = sizeof(portier_host);
      table.abi_major = 1;
      table.abi_minor = 0;
      table.ctx = reinterpret_cast<portier_host_ctx *>(this);
      table.core_version = "1.0.0";
      table.log = &log;
      table.now_us = &now;
      table.post_event = &post;
      table.report_state = &report;
      table.run_on_engine = &run;
      table.timer_start = &timer_start;
      table.timer_cancel = &timer_cancel;
      table.secret_get = &secret_get;
      table.is_engine_thread = &engine_thread;
      table.get_service = &service;
   }
   Host(const Host &) = delete;
   Host &operator=(const Host &) = delete;

   portier_host table{};
   std::vector<LogLine> logs;
   std::int64_t clock_us = 1000;
   std::vector<std::vector<unsigned char>> events;
   portier_status post_result = PORTIER_OK;
   std::vector<std::pair<std::int32_t, std::string>> states;
   std::vector<Callback> queued;
   portier_status run_result = PORTIER_OK;
   std::map<std::uint64_t, TimerEntry> timers;
   std::uint64_t next_timer = 1;
   int cancels = 0;
   portier_status timer_result = PORTIER_OK;
   std::map<std::string, std::string> secrets;
   std::vector<std::size_t> secret_capacities;  // the capacity passed on each secret_get
   bool on_engine = true;
   std::map<std::string, const void *> services;
   std::vector<std::size_t> batches;  // the record count of each post_events call

   // Serves "portier.host.events/1": each call's records join `events`, its size `batches`.
   void serve_batches() {
      events_table.struct_size = sizeof events_table;
      events_table.post_events = &post_batch;
      services[PORTIER_HOST_EVENTS_1] = &events_table;
   }

   // Runs the timer `id` once, as the engine would; false if it is not (or no longer) there.
   bool fire(std::uint64_t id) {
      auto it = timers.find(id);
      if (it == timers.end()) return false;
      const TimerEntry t = it->second;
      if (t.period_us == 0) timers.erase(it);
      t.fn(t.user);
      return true;
   }

   // Advances the clock and fires every timer once (enough for the tests' single timers).
   void fire_all() {
      std::vector<std::uint64_t> ids;
      for (const auto &[id, t] : timers) ids.push_back(id);
      for (std::uint64_t id : ids) fire(id);
   }

   void run_queued() {
      auto pending = std::move(queued);
      queued.clear();
      for (const Callback &c : pending) c.fn(c.user);
   }

   bool logged(std::int32_t level, const std::string &text) const {
      for (const LogLine &l : logs) {
         if (l.level == level && l.text == text) return true;
      }
      return false;
   }

private:
   static Host &self(portier_host_ctx *ctx) { return *reinterpret_cast<Host *>(ctx); }

   static void PORTIER_ABI log(portier_host_ctx *ctx, std::int32_t level, portier_str msg) {
      self(ctx).logs.push_back({level, std::string(msg.data == nullptr ? "" : msg.data, msg.size)});
   }
   static std::int64_t PORTIER_ABI now(portier_host_ctx *ctx) { return self(ctx).clock_us; }
   static portier_status PORTIER_ABI post(portier_host_ctx *ctx, const portier_event_header *ev) {
      Host &h = self(ctx);
      if (h.post_result != PORTIER_OK) return h.post_result;
      const auto *p = reinterpret_cast<const unsigned char *>(ev);
      h.events.emplace_back(p, p + ev->struct_size);
      return PORTIER_OK;
   }
   static portier_status PORTIER_ABI report(portier_host_ctx *ctx, std::int32_t state, portier_str reason) {
      self(ctx).states.emplace_back(state, std::string(reason.data == nullptr ? "" : reason.data, reason.size));
      return PORTIER_OK;
   }
   static portier_status PORTIER_ABI run(portier_host_ctx *ctx, portier_engine_fn fn, void *user) {
      Host &h = self(ctx);
      if (h.run_result != PORTIER_OK) return h.run_result;
      h.queued.push_back({fn, user});
      return PORTIER_OK;
   }
   static portier_status PORTIER_ABI timer_start(portier_host_ctx *ctx, std::int64_t delay, std::int64_t period,
                                                 portier_engine_fn fn, void *user, std::uint64_t *id) {
      Host &h = self(ctx);
      if (h.timer_result != PORTIER_OK) return h.timer_result;
      if (delay < 0 || period < 0 || fn == nullptr || id == nullptr) return PORTIER_ERR_INVALID;
      *id = h.next_timer++;
      h.timers[*id] = {delay, period, fn, user};
      return PORTIER_OK;
   }
   static void PORTIER_ABI timer_cancel(portier_host_ctx *ctx, std::uint64_t id) {
      Host &h = self(ctx);
      ++h.cancels;
      h.timers.erase(id);
   }
   static portier_status PORTIER_ABI secret_get(portier_host_ctx *ctx, const char *name, char *buf,
                                                std::size_t *size) {
      Host &h = self(ctx);
      h.secret_capacities.push_back(*size);
      auto it = h.secrets.find(name);
      if (it == h.secrets.end()) return PORTIER_ERR_NOT_FOUND;
      const std::size_t needed = it->second.size() + 1;
      if (*size < needed) {
         *size = needed;
         return PORTIER_ERR_TOO_SMALL;
      }
      std::memcpy(buf, it->second.c_str(), needed);
      *size = needed;
      return PORTIER_OK;
   }
   static bool PORTIER_ABI engine_thread(portier_host_ctx *ctx) { return self(ctx).on_engine; }
   static portier_status PORTIER_ABI post_batch(portier_host_ctx *ctx, const portier_event_header *const *records,
                                                std::uint32_t count) {
      Host &h = self(ctx);
      if (h.post_result != PORTIER_OK) return h.post_result;
      for (std::uint32_t i = 0; i < count; ++i) {
         const auto *p = reinterpret_cast<const unsigned char *>(records[i]);
         h.events.emplace_back(p, p + records[i]->struct_size);
      }
      h.batches.push_back(count);
      return PORTIER_OK;
   }
   portier_host_events_v1 events_table{};

   static const void *PORTIER_ABI service(portier_host_ctx *ctx, const char *sid) {
      Host &h = self(ctx);
      auto it = h.services.find(sid);
      return it == h.services.end() ? nullptr : it->second;
   }
};

}  // namespace fake
