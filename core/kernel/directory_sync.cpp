// SPDX-License-Identifier: GPL-3.0-or-later
#include "kernel/directory_sync.h"

#include <ctime>

#include "directory/apply_source.h"
#include "kernel/directory_records.h"
#include "kernel/log.h"
#include "kernel/wall_time.h"

namespace portier::kernel {

namespace {

constexpr std::int64_t kMicrosPerSecond = 1000000;

std::string message_of(const portier_error &err, portier_status st) {
   std::string msg(err.message, strnlen(err.message, sizeof err.message));
   return msg.empty() ? std::string(portier_status_name(st)) : msg;
}

directory::MergePolicy policy_of(const DirectoryConfig &config) {
   directory::MergePolicy policy;
   for (const std::string &key : config.dedupe_keys)
      policy.keys.push_back(key == "email" ? directory::DedupKey::email : directory::DedupKey::extension);
   policy.source_priority = config.prefer;
   return policy;
}

struct ReadState {
   std::string source;
   std::vector<directory::Contact> rows;
   SyncReport *report;
};

bool PORTIER_ABI take_record(void *user, const portier_directory_record *record) {
   auto *state = static_cast<ReadState *>(user);
   if (record != nullptr) state->rows.push_back(contact_of(*record, state->source));
   return true;
}

bool PORTIER_ABI take_reject(void *user, const portier_directory_reject *reject) {
   auto *report = static_cast<SyncReport *>(user);
   if (reject == nullptr) return true;
   const auto text = [](const char *s) { return s ? std::string(s) : std::string(); };
   report->reject({reject->line, text(reject->source_key), text(reject->reason)});
   return true;
}

}  // namespace

std::int64_t seconds_to_local_minute(std::int64_t now, int minute) {
   const std::time_t t = static_cast<std::time_t>(now);
   std::tm local{};
   localtime_r(&t, &local);
   std::tm target = local;
   target.tm_hour = minute / 60;
   target.tm_min = minute % 60;
   target.tm_sec = 0;
   target.tm_isdst = -1;  // mktime decides, so a daylight-saving change keeps the local time
   std::int64_t delta = static_cast<std::int64_t>(std::mktime(&target)) - now;
   if (delta <= 0) {
      target.tm_mday += 1;
      target.tm_isdst = -1;
      delta = static_cast<std::int64_t>(std::mktime(&target)) - now;
   }
   return delta < 1 ? 1 : (delta > 86400 + 3600 ? 86400 : delta);
}

DirectorySync::DirectorySync(EngineLoop &loop, const DirectoryConfig &config,
                             std::shared_ptr<directory::DirectoryDb> db, std::optional<numbers::NumberPlan> plan,
                             FindDirectoryPort find)
    : loop_(loop),
      ready_timeout_us_(config.ready_timeout_s * kMicrosPerSecond),
      db_(std::move(db)),
      plan_(std::move(plan)),
      policy_(policy_of(config)),
      find_(std::move(find)) {
   for (const DirectorySourceConfig &source : config.sources) {
      SyncSource state;
      state.config = source;
      sources_.push_back(std::move(state));
   }
}

DirectorySync::~DirectorySync() {
   for (SyncSource &source : sources_) {
      if (source.timeout_timer) loop_.timer_cancel(source.timeout_timer);
      if (source.schedule_timer) loop_.timer_cancel(source.schedule_timer);
      if (source.startup_timer) loop_.timer_cancel(source.startup_timer);
      if (source.running) log(LogLevel::info, source.config.plugin, "directory sync dropped: portierd stops");
   }
}

SyncSource *DirectorySync::find(std::string_view plugin) {
   for (SyncSource &source : sources_)
      if (source.config.plugin == plugin) return &source;
   return nullptr;
}

void DirectorySync::start() {
   for (SyncReport &report : load_reports(*db_)) {
      if (SyncSource *source = find(report.source)) source->last = std::move(report);
   }
   for (SyncSource &source : sources_) {
      arm_schedule(source);
      // The book has never seen it. On a timer: the kernel starts before its loop runs, and a
      // plugin is called on the engine thread only.
      if (!source.last) {
         const std::string plugin = source.config.plugin;
         source.startup_timer = loop_.timer_start(0, 0, [this, plugin]() {
            if (SyncSource *s = find(plugin)) s->startup_timer = 0;
            scheduled_run(plugin);
         });
      }
   }
}

void DirectorySync::arm_schedule(SyncSource &source) {
   const DirectorySchedule &schedule = source.config.schedule;
   if (schedule.kind == DirectorySchedule::Kind::manual) return;
   const std::string plugin = source.config.plugin;
   std::int64_t delay_us = schedule.every_s * kMicrosPerSecond;
   if (schedule.kind == DirectorySchedule::Kind::daily)
      delay_us = seconds_to_local_minute(static_cast<std::int64_t>(std::time(nullptr)), schedule.daily_minute) *
                 kMicrosPerSecond;
   source.next_run_us = loop_.clock().now_us() + delay_us;
   source.schedule_timer = loop_.timer_start(delay_us, 0, [this, plugin]() {
      if (SyncSource *s = find(plugin)) {
         s->schedule_timer = 0;
         scheduled_run(plugin);
         arm_schedule(*s);
      }
   });
}

void DirectorySync::scheduled_run(std::string_view plugin) {
   std::string why;
   const SyncStart started = run_now(plugin, why);
   SyncSource *source = find(plugin);
   if (source == nullptr || started == SyncStart::started) return;
   if (started == SyncStart::busy && source->running) {
      log(LogLevel::info, plugin, "directory sync skipped: the previous run is still going");
      return;
   }
   source->current = SyncReport{};
   source->current.source = source->config.plugin;
   source->current.tenant = source->config.tenant;
   source->current.started = utc_now_iso();
   fail(*source, why);
}

SyncStart DirectorySync::run_now(std::string_view plugin, std::string &why) {
   SyncSource *source = find(plugin);
   if (source == nullptr) {
      why = "'" + std::string(plugin) + "' is not a source of the directory section";
      return SyncStart::unknown_source;
   }
   if (source->running) {
      why = "a run of '" + source->config.plugin + "' is already going since " + source->current.started;
      return SyncStart::busy;
   }
   const std::optional<DirectoryPort> port = find_(plugin);
   if (!port || port->table == nullptr || port->table->begin_import == nullptr) {
      why = "plugin '" + source->config.plugin + "' is not running or serves no " + PORTIER_IF_DIRECTORY_SOURCE_1;
      return SyncStart::unavailable;
   }
   const std::uint64_t correlation = next_correlation_++;
   portier_error err = PORTIER_ERROR_INIT;
   const portier_status st = port->table->begin_import(port->instance, correlation, &err);
   if (st == PORTIER_ERR_BUSY) {
      why = "plugin '" + source->config.plugin + "' is busy with an import: " + message_of(err, st);
      return SyncStart::busy;
   }
   if (st != PORTIER_PENDING && !portier_status_ok(st)) {
      why = "begin_import failed: " + message_of(err, st);
      return SyncStart::failed;
   }
   source->running = true;
   source->correlation = correlation;
   source->current = SyncReport{};
   source->current.source = source->config.plugin;
   source->current.tenant = source->config.tenant;
   source->current.started = utc_now_iso();
   const std::string id = source->config.plugin;
   source->timeout_timer = loop_.timer_start(ready_timeout_us_, 0, [this, id, correlation]() {
      SyncSource *s = find(id);
      if (s == nullptr || !s->running || s->correlation != correlation) return;
      s->timeout_timer = 0;
      fail(*s, "no READY within " + std::to_string(ready_timeout_us_ / kMicrosPerSecond) + " s");
   });
   log(LogLevel::info, id, "directory sync started (correlation " + std::to_string(correlation) + ")");
   return SyncStart::started;
}

void DirectorySync::on_event(std::string_view plugin, const portier_event_header &ev) {
   if (ev.space != PORTIER_SPACE_DIRECTORY || ev.type != PORTIER_DIRECTORY_EV_READY ||
       ev.struct_size < sizeof(portier_directory_event))
      return;
   SyncSource *source = find(plugin);
   if (source == nullptr || !source->running || source->correlation != ev.correlation) {
      log(LogLevel::debug, plugin, "directory READY for correlation " + std::to_string(ev.correlation) +
                                       " that no run waits for; ignored");
      return;
   }
   if (source->timeout_timer) loop_.timer_cancel(source->timeout_timer);
   source->timeout_timer = 0;
   finish(*source, reinterpret_cast<const portier_directory_event &>(ev));
}

void DirectorySync::finish(SyncSource &source, const portier_directory_event &ready) {
   if (!portier_status_ok(ready.status)) {
      const std::string message(ready.message, strnlen(ready.message, sizeof ready.message));
      fail(source, "the source failed: " + (message.empty() ? std::string(portier_status_name(ready.status)) : message));
      return;
   }
   const std::optional<DirectoryPort> port = find_(source.config.plugin);
   if (!port || port->table == nullptr || port->table->read == nullptr) {
      fail(source, "plugin '" + source.config.plugin + "' stopped before its records were read");
      return;
   }
   SyncReport &report = source.current;
   portier_error err = PORTIER_ERROR_INIT;
   if (PORTIER_HAS(port->table, portier_directory_source_v1, read_rejects) && port->table->read_rejects != nullptr) {
      const portier_status st = port->table->read_rejects(port->instance, source.correlation, take_reject, &report, &err);
      if (!portier_status_ok(st)) {
         fail(source, "read_rejects failed: " + message_of(err, st));
         return;
      }
   } else if (ready.rejected > 0) {
      report.rejected += ready.rejected;  // counted by the source, listed only in its log
   }
   ReadState state{source.config.plugin, {}, &report};
   state.rows.reserve(ready.records);
   err = PORTIER_ERROR_INIT;
   const portier_status st = port->table->read(port->instance, source.correlation, take_record, &state, &err);
   if (!portier_status_ok(st)) {
      fail(source, "read failed: " + message_of(err, st));
      return;
   }
   report.received = state.rows.size();
   directory::ApplyOptions options;
   options.policy = policy_;
   options.plan = plan_ ? &*plan_ : nullptr;
   options.keep_raw_numbers = !plan_;
   options.tenant = source.config.tenant;
   auto applied = directory::apply_source(*db_, source.config.plugin, state.rows, options);
   if (!applied) {
      fail(source, applied.error().what);
      return;
   }
   report.added = applied->added;
   report.updated = applied->updated;
   report.deleted = applied->deleted;
   report.unchanged = applied->unchanged;
   for (const directory::RejectedRow &row : applied->rejected)
      report.reject({row.position, row.source_id, "record " + std::to_string(row.position) + ": " + row.reason});
   report.ok = true;
   complete(source);
}

void DirectorySync::fail(SyncSource &source, std::string why) {
   source.current.ok = false;
   source.current.error = std::move(why);
   complete(source);
}

void DirectorySync::complete(SyncSource &source) {
   source.running = false;
   source.correlation = 0;
   if (source.timeout_timer) loop_.timer_cancel(source.timeout_timer);
   source.timeout_timer = 0;
   source.current.finished = utc_now_iso();
   if (std::string error = store_report(*db_, source.current); !error.empty())
      log(LogLevel::warning, source.config.plugin, "directory sync report not kept: " + error);
   log(source.current.ok ? LogLevel::info : LogLevel::warning, source.config.plugin,
       "directory sync " + source.current.summary_line());
   source.last = std::move(source.current);
   source.current = SyncReport{};
}

}  // namespace portier::kernel
