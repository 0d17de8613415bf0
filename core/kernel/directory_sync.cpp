// SPDX-License-Identifier: GPL-3.0-or-later
#include "kernel/directory_sync.h"

#include <ctime>

#include <sqlite3.h>

#include "directory/apply_source.h"
#include "kernel/directory_pbx_source.h"
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

// The book's file, for the worker's own connection; "" for a book in memory.
std::string file_of(directory::DirectoryDb &db) {
   const char *file = sqlite3_db_filename(db.handle(), "main");
   return file ? std::string(file) : std::string();
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
      find_(std::move(find)),
      worker_(file_of(*db_)) {
   for (const DirectorySourceConfig &source : config.sources) {
      SyncSource state;
      state.config = source;
      sources_.push_back(std::move(state));
   }
   // Searches of several words use a copy of the names in memory once the worker has read one
   // (at start() and after each committed run); until then, and while a copy is older than the
   // book, FTS5 answers alone (directory/name_sets.h).
   worker_.keep_name_sets([this](std::shared_ptr<const directory::NameSets> sets) {
      post([this, sets = std::move(sets)]() mutable {
         DirectoryJob release;
         release.apply = false;
         release.release = db_->name_sets();
         db_->use_name_sets(std::move(sets));
         // The old copy goes back to the worker to be freed; if the worker has stopped, here.
         if (release.release) worker_.submit(std::move(release), nullptr);
      });
   });
}

DirectorySync::~DirectorySync() {
   for (SyncSource &source : sources_) {
      if (source.timeout_timer) loop_.timer_cancel(source.timeout_timer);
      if (source.schedule_timer) loop_.timer_cancel(source.schedule_timer);
      if (source.startup_timer) loop_.timer_cancel(source.startup_timer);
      if (source.running && source.correlation != 0)
         log(LogLevel::info, source.config.plugin, "directory sync dropped: portierd stops");
   }
   worker_.stop();  // a run being applied rolls back (directory_worker.cpp logs it)
}

SyncSource *DirectorySync::find(std::string_view plugin) {
   for (SyncSource &source : sources_)
      if (source.config.plugin == plugin) return &source;
   return nullptr;
}

void DirectorySync::start() {
   // The book as it is at start-up, read into memory (the worker reads it again after each run).
   DirectoryJob read_names;
   read_names.apply = false;
   read_names.name_sets_only = true;
   if (!worker_.submit(std::move(read_names), nullptr))
      log(LogLevel::warning, "directory", "phone book names not read into memory: the directory worker has stopped");
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
   const bool pbx = port && port->pbx_sync != nullptr;  // a pbx plugin's extension list
   if (!port || (!pbx && (port->table == nullptr || port->table->begin_import == nullptr))) {
      why = "plugin '" + source->config.plugin + "' is not running or serves neither " +
            PORTIER_IF_DIRECTORY_SOURCE_1 + " nor " + PORTIER_IF_PBX_SYNC_1;
      return SyncStart::unavailable;
   }
   const std::uint64_t correlation = next_correlation_++;
   portier_error err = PORTIER_ERROR_INIT;
   const portier_status st = pbx ? port->pbx_sync->fetch(port->instance, correlation, &err)
                                 : port->table->begin_import(port->instance, correlation, &err);
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

void DirectorySync::on_event(std::string_view plugin, const portier_event_header &event) {
   // A pbx source's SYNC_READY goes on as the READY it stands for (directory_pbx_source.h).
   const std::optional<portier_directory_event> pbx_ready = ready_of_pbx_sync(event);
   const portier_event_header &ev = pbx_ready ? pbx_ready->header : event;
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
   const bool pbx = port && port->pbx_sync != nullptr;
   if (!port || (!pbx && (port->table == nullptr || port->table->read == nullptr))) {
      fail(source, "plugin '" + source.config.plugin + "' stopped before its records were read");
      return;
   }
   SyncReport &report = source.current;
   ReadState state{source.config.plugin, {}, &report};
   if (pbx) {
      // A pbx plugin's extension list: one read, no rejects of its own (directory_pbx_source.h).
      std::string why = read_pbx_extensions(*port->pbx_sync, port->instance, source.correlation,
                                            source.config.plugin, state.rows);
      if (!why.empty()) {
         fail(source, std::move(why));
         return;
      }
   } else {
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
      state.rows.reserve(ready.records);
      err = PORTIER_ERROR_INIT;
      const portier_status st = port->table->read(port->instance, source.correlation, take_record, &state, &err);
      if (!portier_status_ok(st)) {
         fail(source, "read failed: " + message_of(err, st));
         return;
      }
   }
   report.received = state.rows.size();
   start_apply(source, std::move(state.rows));
}

void DirectorySync::start_apply(SyncSource &source, std::vector<directory::Contact> rows) {
   DirectoryJob job;
   job.source = source.config.plugin;
   job.rows = std::move(rows);
   job.options.policy = policy_;
   job.options.plan = plan_ ? &*plan_ : nullptr;
   job.options.keep_raw_numbers = !plan_;
   job.options.tenant = source.config.tenant;
   job.report = source.current;
   source.correlation = 0;  // read: a late READY of this run finds nothing to do
   const std::string plugin = source.config.plugin;
   auto done = [this, plugin](SyncReport report, std::optional<ContactKeysDelta> keys) {
      auto deliver = std::make_shared<SyncReport>(std::move(report));
      auto delta = std::make_shared<std::optional<ContactKeysDelta>>(std::move(keys));
      post([this, plugin, deliver, delta]() {
         applied(plugin, std::move(*deliver));
         if (*delta && keys_sink_) keys_sink_(std::move(**delta));  // the report first: the sink may log
      });
   };
   if (!worker_.submit(std::move(job), std::move(done))) fail(source, "the directory worker has stopped");
}

void DirectorySync::post(std::function<void()> fn) {
   // On the engine thread when posted; a refused post (a full queue) falls back to a timer,
   // which has no bound, so a report is never lost.
   const std::weak_ptr<int> alive = alive_;
   std::function<void()> guarded = [alive, fn = std::move(fn)]() {
      if (alive.lock()) fn();
   };
   if (!loop_.post(guarded)) loop_.timer_start(0, 0, guarded);
}

void DirectorySync::track_contact_keys(ContactKeysSink sink) {
   if (keys_sink_) return;
   keys_sink_ = std::move(sink);
   worker_.track_contact_keys();
   DirectoryJob job;
   job.apply = false;
   job.keys_only = true;
   auto done = [this](SyncReport, std::optional<ContactKeysDelta> keys) {
      if (!keys) return;  // logged by the worker; the next committed run reads them again
      auto delta = std::make_shared<ContactKeysDelta>(std::move(*keys));
      post([this, delta]() { keys_sink_(std::move(*delta)); });
   };
   if (!worker_.submit(std::move(job), std::move(done)))
      log(LogLevel::warning, "presence", "phone book keys not read: the directory worker has stopped");
}

void DirectorySync::applied(const std::string &plugin, SyncReport report) {
   SyncSource *source = find(plugin);
   if (source == nullptr || !source->running) return;
   source->running = false;
   log(report.ok ? LogLevel::info : LogLevel::warning, plugin, "directory sync " + report.summary_line());
   source->last = std::move(report);
   source->current = SyncReport{};
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
   // Kept by the worker: the engine thread never writes to the book, so it never waits on a run.
   DirectoryJob job;
   job.apply = false;
   job.source = source.config.plugin;
   job.report = source.current;
   if (!worker_.submit(std::move(job), nullptr))
      log(LogLevel::warning, source.config.plugin, "directory sync report not kept: the directory worker has stopped");
   log(source.current.ok ? LogLevel::info : LogLevel::warning, source.config.plugin,
       "directory sync " + source.current.summary_line());
   source.last = std::move(source.current);
   source.current = SyncReport{};
}

}  // namespace portier::kernel
