// SPDX-License-Identifier: MIT
// Portier C++ wrapper: the host services table (host.h) as a small value type, plus an RAII
// timer. Header-only, C++17; not part of the ABI.
#ifndef PORTIER_HOST_HPP
#define PORTIER_HOST_HPP

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <memory>
#include <new>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "event.hpp"
#include "host.h"
#include "result.hpp"
#include "text.hpp"

namespace portier {

// A borrowed view of the host's services table. Cheap to copy; valid from create() until
// destroy() returns (the table's lifetime). Every member is [any] unless noted, like host.h.
// A default-constructed Host is empty: logging is dropped and everything else fails with
// PORTIER_ERR_STATE, so a plugin object can be unit-tested without a host.
class Host {
public:
   Host() = default;
   explicit Host(const portier_host *raw) noexcept : raw_(raw) {}

   // The table as given by the host, or nullptr.
   const portier_host *raw() const noexcept { return raw_; }
   explicit operator bool() const noexcept { return raw_ != nullptr; }

   // True if the host's table has the function (or field) `Member` with a non-null value:
   // `host.has<&portier_host::get_service>()`. Uses the same test as PORTIER_HAS (struct_size
   // covers the member). Use before calling functions appended after 1.0.
   template <auto Member>
   bool has() const noexcept {
      if (raw_ == nullptr) return false;
      const portier_host probe{};
      const auto *base = reinterpret_cast<const char *>(&probe);
      const auto *field = reinterpret_cast<const char *>(&(probe.*Member));
      const std::size_t end = static_cast<std::size_t>(field - base) + sizeof(probe.*Member);
      if (raw_->struct_size < end) return false;
      if constexpr (std::is_pointer_v<std::remove_reference_t<decltype(probe.*Member)>>) {
         return (raw_->*Member) != nullptr;
      } else {
         return true;
      }
   }

   // The core's release, "1.0.0"; "" when unknown. Static storage of the host.
   std::string_view core_version() const noexcept {
      return raw_ != nullptr && raw_->core_version != nullptr ? raw_->core_version : "";
   }

   // Writes one log line (PORTIER_LOG_* level). `msg` is copied by the host. Never fails.
   void log(std::int32_t level, std::string_view msg) const noexcept {
      if (has<&portier_host::log>()) raw_->log(raw_->ctx, level, to_str(msg));
   }
   void debug(std::string_view msg) const noexcept { log(PORTIER_LOG_DEBUG, msg); }
   void info(std::string_view msg) const noexcept { log(PORTIER_LOG_INFO, msg); }
   void warn(std::string_view msg) const noexcept { log(PORTIER_LOG_WARNING, msg); }
   void error(std::string_view msg) const noexcept { log(PORTIER_LOG_ERROR, msg); }

   // The host clock in microseconds (monotonic, simulated in tests); 0 without a host.
   std::int64_t now_us() const noexcept {
      return has<&portier_host::now_us>() ? raw_->now_us(raw_->ctx) : 0;
   }

   // Posts a flat event record (see make_event). The record is copied; when its header's
   // time_us is 0 the copy gets now_us(). Errors: PORTIER_ERR_BUSY (engine queue full: drop or
   // retry later), PORTIER_ERR_INVALID, PORTIER_ERR_STATE (after stop()).
   template <class T>
   Result<void> post(const T &record) const {
      static_assert(is_event_record_v<T>, "post() takes a flat event record (see make_event)");
      static_assert(offsetof(T, header) == 0, "`header` must be the record's first member");
      if (!has<&portier_host::post_event>()) return portier::error(PORTIER_ERR_STATE, "no host");
      T copy = record;
      if (copy.header.time_us == 0) copy.header.time_us = now_us();
      return check(raw_->post_event(raw_->ctx, &copy.header), "post_event");
   }

   // Reports the plugin's own state (PORTIER_STATE_RUNNING, _LIMITED or _STOPPED) and why; the
   // reason is copied and shown in `portier status`.
   Result<void> report_state(std::int32_t state, std::string_view reason = {}) const {
      if (!has<&portier_host::report_state>()) return portier::error(PORTIER_ERR_STATE, "no host");
      return check(raw_->report_state(raw_->ctx, state, to_str(reason)), "report_state");
   }

   // Runs `f()` once on the engine thread, later (never synchronously). `f` is moved to the heap
   // and freed after it ran, or at once when the host refuses (PORTIER_ERR_BUSY, _STATE). An
   // exception escaping `f` is logged at PORTIER_LOG_ERROR and goes no further. Note: callbacks
   // the host discards at stop() are never run, so their closure is not freed; keep closures
   // small (a pointer, an id).
   template <class F>
   Result<void> run_on_engine(F &&f) const {
      if (!has<&portier_host::run_on_engine>()) return portier::error(PORTIER_ERR_STATE, "no host");
      using Fn = std::decay_t<F>;
      struct Box {
         Host host;
         Fn fn;
         static void PORTIER_ABI run(void *user) noexcept {
            std::unique_ptr<Box> box(static_cast<Box *>(user));
            box->host.call_guarded("engine callback", box->fn);
         }
      };
      auto box = std::make_unique<Box>(Box{*this, Fn(std::forward<F>(f))});
      const portier_status s = raw_->run_on_engine(raw_->ctx, &Box::run, box.get());
      if (!portier_status_ok(s)) return check(s, "run_on_engine");
      box.release();  // owned by the queued callback now
      return ok();
   }

   // The secret `name` from the configuration's secret references, or nullopt when the host has
   // none of that name (or fails). Retries with the size the host asks for. Never log the value.
   std::optional<std::string> secret(std::string_view name) const {
      if (!has<&portier_host::secret_get>()) return std::nullopt;
      const std::string key(name);  // the C function takes a NUL-terminated name
      std::vector<char> buf(256);
      for (int attempt = 0; attempt < 4; ++attempt) {  // bounded: the secret may change between calls
         std::size_t size = buf.size();
         const portier_status s = raw_->secret_get(raw_->ctx, key.c_str(), buf.data(), &size);
         if (s == PORTIER_ERR_TOO_SMALL && size > buf.size()) {
            wipe(buf);
            buf.assign(size, '\0');
            continue;
         }
         if (!portier_status_ok(s)) break;
         std::size_t n = 0;
         while (n < buf.size() && buf[n] != '\0') ++n;
         std::string out(buf.data(), n);
         wipe(buf);
         return out;
      }
      wipe(buf);
      return std::nullopt;
   }

   // The table of optional host service `sid` ("portier.host.client/1") as a T, or nullptr when
   // this core does not serve it. Owned by the host, valid until destroy() returns.
   template <class T>
   const T *get_service(const char *sid) const noexcept {
      if (sid == nullptr || !has<&portier_host::get_service>()) return nullptr;
      return static_cast<const T *>(raw_->get_service(raw_->ctx, sid));
   }

   // True on the engine thread. False without a host.
   bool is_engine_thread() const noexcept {
      return has<&portier_host::is_engine_thread>() && raw_->is_engine_thread(raw_->ctx);
   }

   // Checks an [engine] tag: off the engine thread it logs PORTIER_LOG_PLUGIN_MISBEHAVING
   // ("<where> called off the engine thread") and, in debug builds (no NDEBUG and no
   // PORTIER_NO_ASSERT_ABORT), aborts. Returns whether the check held.
   bool assert_engine_thread(std::string_view where) const noexcept {
      if (!has<&portier_host::is_engine_thread>() || raw_->is_engine_thread(raw_->ctx)) return true;
      std::string msg;
      try {
         msg.assign(where).append(" called off the engine thread");
      } catch (...) {
         msg.clear();
      }
      log(PORTIER_LOG_PLUGIN_MISBEHAVING, msg.empty() ? std::string_view("called off the engine thread") : msg);
#if !defined(NDEBUG) && !defined(PORTIER_NO_ASSERT_ABORT)
      std::abort();
#else
      return false;
#endif
   }

   // Calls f(), logging any exception at PORTIER_LOG_ERROR as "exception in <what>: <text>".
   // For callbacks that must not throw into the host. Returns false if f threw.
   template <class F>
   bool call_guarded(std::string_view what, F &f) const noexcept {
      try {
         f();
         return true;
      } catch (const std::exception &e) {
         log_exception(what, e.what());
      } catch (...) {
         log_exception(what, "unknown exception");
      }
      return false;
   }

private:
   static Result<void> check(portier_status s, const char *what) {
      if (portier_status_ok(s)) return ok();
      return portier::error(s, std::string(what) + ": " + portier_status_name(s));
   }

   void log_exception(std::string_view what, const char *text) const noexcept {
      try {
         log(PORTIER_LOG_ERROR, std::string("exception in ").append(what).append(": ").append(text));
      } catch (...) {
         log(PORTIER_LOG_ERROR, "exception in a callback");
      }
   }

   static void wipe(std::vector<char> &buf) noexcept {
      volatile char *p = buf.data();
      for (std::size_t i = 0; i < buf.size(); ++i) p[i] = '\0';
   }

   const portier_host *raw_ = nullptr;
};

// Collects event records and posts them as one unit, so the engine thread wakes once per batch:
// for an I/O thread that turns one network read into many records. Uses the host service
// "portier.host.events/1" (host.h); where the host does not serve it, add() posts each record at
// once, as Host::post does. Owned by one thread at a time (not [any]); records wait in the
// batch until flush(), or until PORTIER_EVENT_BATCH_MAX of them are waiting.
class EventBatch {
public:
   EventBatch() = default;
   explicit EventBatch(Host host) : host_(host) {
      const auto *service = host_.get_service<portier_host_events_v1>(PORTIER_HOST_EVENTS_1);
      const std::size_t needed = offsetof(portier_host_events_v1, post_events) + sizeof(service->post_events);
      if (service != nullptr && service->struct_size >= needed && service->post_events != nullptr) {
         service_ = service;
      }
   }

   // True when the host batches; false when add() posts at once.
   bool batching() const noexcept { return service_ != nullptr; }
   // Records waiting for flush().
   std::size_t size() const noexcept { return offsets_.size(); }

   // Copies `record` into the batch (time_us 0 is set by the host when it is posted). Errors
   // as Host::post, or those of the flush() a full batch does first.
   template <class T>
   Result<void> add(const T &record) {
      static_assert(is_event_record_v<T>, "add() takes a flat event record (see make_event)");
      static_assert(offsetof(T, header) == 0, "`header` must be the record's first member");
      if (service_ == nullptr) return host_.post(record);
      if (offsets_.size() >= PORTIER_EVENT_BATCH_MAX) {
         if (auto r = flush(); !r.ok()) return r;
      }
      const std::size_t at = words_.size();
      words_.resize(at + (sizeof(T) + 7) / 8);
      std::memcpy(words_.data() + at, &record, sizeof(T));
      offsets_.push_back(at);
      return ok();
   }

   // Posts every waiting record, in order, and empties the batch whatever the outcome.
   // Errors: PORTIER_ERR_BUSY (engine queue full: the records are dropped), _INVALID, _STATE.
   Result<void> flush() {
      if (offsets_.empty()) return ok();
      pointers_.clear();
      for (std::size_t at : offsets_) {
         pointers_.push_back(reinterpret_cast<const portier_event_header *>(words_.data() + at));
      }
      const portier_status s = service_->post_events(host_.raw()->ctx, pointers_.data(),
                                                     static_cast<std::uint32_t>(pointers_.size()));
      words_.clear();
      offsets_.clear();
      if (portier_status_ok(s)) return ok();
      return portier::error(s, std::string("post_events: ") + portier_status_name(s));
   }

private:
   Host host_;
   const portier_host_events_v1 *service_ = nullptr;
   std::vector<std::uint64_t> words_;  // the records, each at an 8-byte boundary
   std::vector<std::size_t> offsets_;  // where each record starts, in words
   std::vector<const portier_event_header *> pointers_;
};

// A host timer that owns its callback and cancels itself when destroyed. Use on the engine
// thread: start, cancel and destruction are [engine] (the host only guarantees there that the
// callback will not run again). Cancel in stop(): after stop() the plugin may not call the host,
// so a Timer still running at destroy() is a contract breach the strict host reports. The
// callback may cancel or restart its own Timer. Movable, not copyable.
class Timer {
public:
   Timer() = default;
   explicit Timer(Host host) noexcept : host_(host) {}
   Timer(const Timer &) = delete;
   Timer &operator=(const Timer &) = delete;
   Timer(Timer &&other) noexcept { take(other); }
   Timer &operator=(Timer &&other) noexcept {
      if (this != &other) {
         cancel();
         take(other);
      }
      return *this;
   }
   ~Timer() { cancel(); }

   // The host this timer runs on; set it before start() if default-constructed.
   void set_host(Host host) noexcept { host_ = host; }

   // (Re)starts the timer: f() runs on the engine thread after `delay`, then every `period` if it
   // is > 0. A previous run is cancelled first. Exceptions escaping f are logged and swallowed.
   // Errors: PORTIER_ERR_INVALID for negative times, PORTIER_ERR_STATE after stop() or without a
   // host.
   template <class F>
   Result<void> start(std::chrono::microseconds delay, std::chrono::microseconds period, F &&f) {
      cancel();
      if (!host_.has<&portier_host::timer_start>() || !host_.has<&portier_host::timer_cancel>())
         return portier::error(PORTIER_ERR_STATE, "timer_start: no host");
      auto box = std::make_unique<Model<std::decay_t<F>>>(host_, std::forward<F>(f));
      std::uint64_t id = 0;
      const portier_host *raw = host_.raw();
      const portier_status s = raw->timer_start(raw->ctx, delay.count(), period.count(),
                                                &Callback::fire, box.get(), &id);
      if (!portier_status_ok(s))
         return portier::error(s, std::string("timer_start: ") + portier_status_name(s));
      id_ = id;
      box_ = box.release();
      return ok();
   }

   // Cancels the timer; the callback will not run again. No-op when not running.
   void cancel() noexcept {
      if (box_ == nullptr) return;
      const portier_host *raw = host_.raw();
      raw->timer_cancel(raw->ctx, id_);
      if (box_->running) {
         box_->orphaned = true;  // fire() is on the stack: it frees the box when f returns
      } else {
         box_->destroy(box_);
      }
      box_ = nullptr;
      id_ = 0;
   }

   // True between a successful start() and cancel() (a fired one-shot timer stays active until
   // cancelled, since the host does not say it is done).
   bool active() const noexcept { return box_ != nullptr; }
   // The host's id for this timer, 0 when not active.
   std::uint64_t id() const noexcept { return id_; }

private:
   // Type-erased callback without a vtable: one function pointer for running, one for freeing.
   struct Callback {
      void (*invoke)(Callback *) noexcept;
      void (*destroy)(Callback *) noexcept;
      bool running = false;
      bool orphaned = false;

      static void PORTIER_ABI fire(void *user) noexcept {
         auto *cb = static_cast<Callback *>(user);
         if (cb->running) return;  // never re-entered by a conforming host
         cb->running = true;
         cb->invoke(cb);
         cb->running = false;
         if (cb->orphaned) cb->destroy(cb);
      }
   };

   template <class F>
   struct Model : Callback {
      Host host;
      F fn;
      template <class G>
      Model(Host h, G &&g) : Callback{&invoke_model, &destroy_model}, host(h), fn(std::forward<G>(g)) {}
      static void invoke_model(Callback *cb) noexcept {
         auto *self = static_cast<Model *>(cb);
         self->host.call_guarded("timer callback", self->fn);
      }
      static void destroy_model(Callback *cb) noexcept { delete static_cast<Model *>(cb); }
   };

   void take(Timer &other) noexcept {
      host_ = other.host_;
      box_ = std::exchange(other.box_, nullptr);
      id_ = std::exchange(other.id_, 0);
   }

   Host host_;
   Callback *box_ = nullptr;
   std::uint64_t id_ = 0;
};

}  // namespace portier

#endif  // PORTIER_HOST_HPP
