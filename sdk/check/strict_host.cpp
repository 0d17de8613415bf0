// SPDX-License-Identifier: MIT
#include "strict_host.h"

#include <dirent.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <thread>

#include <nlohmann/json.hpp>
#include <portier/version.h>

#include "event_rules.h"

// The plugin sees only the opaque pointer; it lives in guarded pages so that a use after
// destroy() faults at a known address.
struct portier_host_ctx {
   portier::check::StrictHost *self;
};

namespace portier::check {
namespace {

using Clock = std::chrono::steady_clock;

constexpr auto kSlowCallback = std::chrono::milliseconds(50);
constexpr size_t kLogMax = 64 * 1024;

StrictHost &host_of(portier_host_ctx *ctx)
{
   return *ctx->self;
}

void PORTIER_ABI host_log(portier_host_ctx *ctx, int32_t level, portier_str msg)
{
   StrictHost &h = host_of(ctx);
   h.admit("log");
   if (level < PORTIER_LOG_DEBUG || level > PORTIER_LOG_PLUGIN_MISBEHAVING) {
      h.flag("called log with unknown level " + std::to_string(level));
   }
   if (msg.data == nullptr && msg.size != 0) {
      h.flag("called log with a NULL message of size " + std::to_string(msg.size));
      return;
   }
   if (msg.size > kLogMax) {
      h.flag("called log with a " + std::to_string(msg.size) + "-byte message (more than 64 KiB)");
      return;
   }
   // Touch every byte, as a real host copying the line would.
   volatile unsigned sum = 0;
   for (size_t i = 0; i < msg.size; ++i) {
      sum = sum + static_cast<unsigned char>(msg.data[i]);
   }
}

int64_t PORTIER_ABI host_now_us(portier_host_ctx *ctx)
{
   host_of(ctx).admit("now_us");
   return std::chrono::duration_cast<std::chrono::microseconds>(Clock::now().time_since_epoch())
      .count();
}

portier_status PORTIER_ABI host_post_event(portier_host_ctx *ctx, const portier_event_header *ev)
{
   StrictHost &h = host_of(ctx);
   if (!h.admit("post_event")) {
      return PORTIER_ERR_STATE;
   }
   const auto problems = check_event(ev);
   for (const auto &p : problems) {
      h.flag("post_event: " + p);
   }
   if (!problems.empty()) {
      return PORTIER_ERR_INVALID;
   }
   return h.failing() ? PORTIER_ERR_BUSY : PORTIER_OK;
}

portier_status PORTIER_ABI host_report_state(portier_host_ctx *ctx, int32_t state, portier_str reason)
{
   StrictHost &h = host_of(ctx);
   if (!h.admit("report_state")) {
      return PORTIER_ERR_STATE;
   }
   if (reason.data == nullptr && reason.size != 0) {
      h.flag("called report_state with a NULL reason of size " + std::to_string(reason.size));
      return PORTIER_ERR_INVALID;
   }
   if (state != PORTIER_STATE_RUNNING && state != PORTIER_STATE_LIMITED &&
       state != PORTIER_STATE_STOPPED) {
      h.flag("called report_state with state " + std::to_string(state) +
             " (only RUNNING, LIMITED and STOPPED may be reported)");
      return PORTIER_ERR_INVALID;
   }
   return PORTIER_OK;
}

portier_status PORTIER_ABI host_run_on_engine(portier_host_ctx *ctx, portier_engine_fn fn, void *user)
{
   StrictHost &h = host_of(ctx);
   if (!h.admit("run_on_engine")) {
      return PORTIER_ERR_STATE;
   }
   if (fn == nullptr) {
      h.flag("called run_on_engine with a NULL function");
      return PORTIER_ERR_INVALID;
   }
   return h.failing() ? PORTIER_ERR_BUSY : h.queue_engine_call(fn, user);
}

portier_status PORTIER_ABI host_timer_start(portier_host_ctx *ctx, int64_t delay_us, int64_t period_us,
                                            portier_engine_fn fn, void *user, uint64_t *id)
{
   StrictHost &h = host_of(ctx);
   if (!h.admit("timer_start")) {
      return PORTIER_ERR_STATE;
   }
   if (delay_us < 0 || period_us < 0 || fn == nullptr || id == nullptr) {
      h.flag("called timer_start with invalid arguments (negative time, or NULL fn or id)");
      return PORTIER_ERR_INVALID;
   }
   return h.failing() ? PORTIER_ERR_STATE : h.start_timer(delay_us, period_us, fn, user, id);
}

void PORTIER_ABI host_timer_cancel(portier_host_ctx *ctx, uint64_t id)
{
   StrictHost &h = host_of(ctx);
   h.admit("timer_cancel");
   h.cancel_timer(id);
}

portier_status PORTIER_ABI host_secret_get(portier_host_ctx *ctx, const char *name, char *buf,
                                           size_t *size)
{
   StrictHost &h = host_of(ctx);
   if (!h.admit("secret_get")) {
      return PORTIER_ERR_STATE;
   }
   if (name == nullptr || size == nullptr || (buf == nullptr && *size != 0)) {
      h.flag("called secret_get with a NULL name, size or buffer");
      return PORTIER_ERR_INVALID;
   }
   return PORTIER_ERR_NOT_FOUND;  // the checker's configuration references no secrets
}

bool PORTIER_ABI host_is_engine_thread(portier_host_ctx *ctx)
{
   StrictHost &h = host_of(ctx);
   h.admit("is_engine_thread");
   return h.on_engine_thread();
}

const void *PORTIER_ABI host_get_service(portier_host_ctx *ctx, const char *sid)
{
   StrictHost &h = host_of(ctx);
   if (!h.admit("get_service")) {
      return nullptr;
   }
   if (sid == nullptr) {
      h.flag("called get_service with a NULL id");
      return nullptr;
   }
   return h.service(sid);
}

portier_status PORTIER_ABI client_submit(portier_host_ctx *ctx, uint64_t request_id, portier_str json,
                                         portier_error *err)
{
   StrictHost &h = host_of(ctx);
   if (!h.admit("portier.host.client/1 submit")) {
      return PORTIER_ERR_STATE;
   }
   if (h.phase() != Phase::Started && h.phase() != Phase::Starting) {
      return PORTIER_ERR_STATE;
   }
   if (request_id == 0) {
      h.flag("called portier.host.client/1 submit with request_id 0");
   }
   if (json.data == nullptr && json.size != 0) {
      h.flag("called portier.host.client/1 submit with a NULL json of size " + std::to_string(json.size));
      return PORTIER_ERR_INVALID;
   }
   const auto doc = nlohmann::json::parse(json.data, json.data + json.size, nullptr, false);
   if (doc.is_discarded() || !doc.is_object() || !doc.contains("type")) {
      if (err != nullptr) {
         std::snprintf(err->message, sizeof err->message, "%s", "not a JSON object with \"type\"");
      }
      return PORTIER_ERR_INVALID;
   }
   return h.failing() ? PORTIER_ERR_BUSY : PORTIER_PENDING;
}

}  // namespace

const char *phase_text(Phase p)
{
   switch (p) {
   case Phase::Creating: return "during create()";
   case Phase::Created: return "after create() returned, before start()";
   case Phase::Starting: return "during start()";
   case Phase::Started: return "while started";
   case Phase::Stopping: return "during stop()";
   case Phase::Stopped: return "after stop() returned";
   case Phase::Destroying: return "during destroy()";
   case Phase::Destroyed: return "after destroy() returned";
   }
   return "";
}

StrictHost::StrictHost(ScenarioLog &log, StrictHostOptions options)
   : log_(log),
     options_(std::move(options)),
     engine_(pthread_self()),
     table_pages_(sizeof(portier_host) + sizeof(portier_host_client_v1),
                  "called the host after destroy() returned (read the host services table)"),
     ctx_pages_(sizeof(portier_host_ctx),
                "called the host after destroy() returned (passed the host ctx)")
{
   auto *ctx = static_cast<portier_host_ctx *>(ctx_pages_.data());
   ctx->self = this;
   table_ = static_cast<portier_host *>(table_pages_.data());
   client_ = reinterpret_cast<portier_host_client_v1 *>(static_cast<char *>(table_pages_.data()) +
                                                        sizeof(portier_host));
   std::memset(table_, 0, sizeof(portier_host));
   table_->struct_size = sizeof(portier_host);
   table_->abi_major = PORTIER_ABI_MAJOR;
   table_->abi_minor = PORTIER_ABI_MINOR;
   table_->ctx = ctx;
   table_->core_version = "1.0.0";
   table_->log = host_log;
   table_->now_us = host_now_us;
   table_->post_event = host_post_event;
   table_->report_state = host_report_state;
   table_->run_on_engine = host_run_on_engine;
   table_->timer_start = host_timer_start;
   table_->timer_cancel = host_timer_cancel;
   table_->secret_get = host_secret_get;
   table_->is_engine_thread = host_is_engine_thread;
   table_->get_service = host_get_service;
   client_->struct_size = sizeof(portier_host_client_v1);
   client_->submit = client_submit;
}

bool StrictHost::on_engine_thread() const
{
   return pthread_equal(pthread_self(), engine_) != 0;
}

void StrictHost::set_phase(Phase p)
{
   std::lock_guard lock(mutex_);
   phase_ = p;
   if (p == Phase::Stopped || p == Phase::Destroying) {
      // The host cancels the plugin's timers at stop and discards queued callbacks.
      pending_.clear();
      timers_.clear();
   }
}

Phase StrictHost::phase() const
{
   std::lock_guard lock(mutex_);
   return phase_;
}

bool StrictHost::admit(const char *fn)
{
   const Phase p = phase();
   const std::string name = fn;
   const bool engine = on_engine_thread();
   bool allowed = true;
   if (p == Phase::Creating && name != "log") {
      flag("called " + name + " during create() (only log is allowed there)");
      allowed = false;
   }
   const bool threads_forbidden = p == Phase::Creating || p == Phase::Created ||
                                  p == Phase::Stopped || p == Phase::Destroying ||
                                  p == Phase::Destroyed;
   if (!engine && threads_forbidden) {
      flag("called " + name + " from a foreign thread " + phase_text(p) +
           (p == Phase::Creating || p == Phase::Created
               ? " (threads may start only in start())"
               : " (stop() must join every plugin thread)"));
   }
   // After stop only log; timer_cancel is tolerated in destroy() because it is how an owned
   // timer is released, and cancelling at that point is harmless.
   const bool after_stop = p == Phase::Stopped || p == Phase::Destroying || p == Phase::Destroyed;
   const bool tolerated = name == "log" || (p == Phase::Destroying && name == "timer_cancel");
   if (after_stop && !tolerated) {
      flag("called " + name + " " + phase_text(p) + " (only log is allowed after stop)");
      allowed = false;
   }
   return allowed;
}

void StrictHost::warn_slow(const std::string &what, Clock::duration took)
{
   if (took <= kSlowCallback) {
      return;
   }
   const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(took).count();
   log_.warn_as("timing", what + " took " + std::to_string(ms) +
                             " ms on the engine thread (limit 50 ms) in " + log_.scenario());
}

portier_status StrictHost::queue_engine_call(portier_engine_fn fn, void *user)
{
   std::lock_guard lock(mutex_);
   constexpr size_t kQueueMax = 10000;
   if (pending_.size() >= kQueueMax) {
      return PORTIER_ERR_BUSY;
   }
   pending_.push_back({fn, user});
   return PORTIER_OK;
}

portier_status StrictHost::start_timer(int64_t delay_us, int64_t period_us, portier_engine_fn fn,
                                       void *user, uint64_t *id)
{
   std::lock_guard lock(mutex_);
   constexpr size_t kTimersMax = 10000;
   if (timers_.size() >= kTimersMax) {
      return PORTIER_ERR_BUSY;
   }
   Timer t;
   t.due = Clock::now() + std::chrono::microseconds(delay_us);
   t.period = std::chrono::microseconds(period_us);
   t.fn = fn;
   t.user = user;
   *id = next_timer_id_++;
   timers_[*id] = t;
   return PORTIER_OK;
}

void StrictHost::cancel_timer(uint64_t id)
{
   std::lock_guard lock(mutex_);
   timers_.erase(id);
}

const void *StrictHost::service(const char *sid) const
{
   const bool served =
      std::find(options_.served.begin(), options_.served.end(), std::string(sid)) != options_.served.end();
   if (served && std::strcmp(sid, PORTIER_HOST_CLIENT_1) == 0) {
      return client_;
   }
   return nullptr;
}

bool StrictHost::run_one_due(Clock::time_point now)
{
   portier_engine_fn fn = nullptr;
   void *user = nullptr;
   const char *what = nullptr;
   {
      std::lock_guard lock(mutex_);
      if (!pending_.empty()) {
         fn = pending_.front().fn;
         user = pending_.front().user;
         pending_.pop_front();
         what = "a run_on_engine callback";
      } else {
         auto due = timers_.end();
         for (auto it = timers_.begin(); it != timers_.end(); ++it) {
            if (it->second.due <= now && (due == timers_.end() || it->second.due < due->second.due)) {
               due = it;
            }
         }
         if (due == timers_.end()) {
            return false;
         }
         fn = due->second.fn;
         user = due->second.user;
         what = "a timer callback";
         if (due->second.period.count() > 0) {
            due->second.due = std::max(due->second.due + due->second.period, now + due->second.period / 2);
         } else {
            timers_.erase(due);
         }
      }
   }
   if (what != last_progress_) {  // one progress record per kind of callback, not per call
      last_progress_ = what;
      log_.progress(std::string("during ") + what);
   }
   const auto t0 = Clock::now();
   fn(user);
   warn_slow(what, Clock::now() - t0);
   return true;
}

void StrictHost::run_engine_for(int ms)
{
   const auto deadline = Clock::now() + std::chrono::milliseconds(ms);
   for (;;) {
      const auto now = Clock::now();
      if (now >= deadline) {
         return;
      }
      if (!run_one_due(now)) {
         std::this_thread::sleep_for(std::min<Clock::duration>(std::chrono::milliseconds(1), deadline - now));
      }
   }
}

void StrictHost::retire()
{
   set_phase(Phase::Destroyed);
   table_pages_.retire();
   ctx_pages_.retire();
}

int thread_count()
{
   DIR *dir = ::opendir("/proc/self/task");
   if (dir == nullptr) {
      return -1;
   }
   int n = 0;
   for (int guard = 0; guard < 100000; ++guard) {
      const dirent *e = ::readdir(dir);
      if (e == nullptr) {
         break;
      }
      if (e->d_name[0] != '.') {
         ++n;
      }
   }
   ::closedir(dir);
   return n;
}

}  // namespace portier::check
