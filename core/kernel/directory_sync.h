// SPDX-License-Identifier: GPL-3.0-or-later
// Sync jobs of the phone book: each configured source (a directory plugin, or a pbx plugin's
// extension list as directory_pbx_source.h reads it, and a tenant) is read at its schedule, on
// demand, and at start-up when the book has never seen it. A run is
// begin_import -> PORTIER_DIRECTORY_EV_READY (matched by correlation) -> read_rejects -> read ->
// apply_source in one transaction, so a failed run changes nothing. One run per source at a time;
// a run without READY within the timeout fails. The plugin is called on the engine thread; the
// apply and the reports' writes run on the directory worker (directory_worker.h), whose finished
// report comes back posted to the engine loop. Engine thread only, unless a member says otherwise.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <portier/event.h>
#include <portier/kind/directory.h>
#include <portier/kind/pbx.h>

#include "directory/directory_db.h"
#include "directory/merge.h"
#include "kernel/directory_config.h"
#include "kernel/directory_report.h"
#include "kernel/directory_worker.h"
#include "kernel/engine_loop.h"
#include "numbers/number_plan.h"

namespace portier::kernel {

// Takes the change of the contacts' presence keys that the worker read after a commit. [engine]
using ContactKeysSink = std::function<void(ContactKeysDelta delta)>;

// A started directory plugin's interface; both borrowed from the kernel's slot.
struct DirectoryPort {
   const portier_directory_source_v1 *table = nullptr;
   portier_instance *instance = nullptr;
   // Set instead of `table` for a pbx plugin's extension list (directory_pbx_source.h).
   const portier_pbx_sync_v1 *pbx_sync = nullptr;
};

// The port of the plugin `id` while it is started and serves a source table, else nullopt.
using FindDirectoryPort = std::function<std::optional<DirectoryPort>(std::string_view id)>;

enum class SyncStart { started, busy, unknown_source, unavailable, failed };

struct SyncSource {
   DirectorySourceConfig config;
   bool running = false;
   std::uint64_t correlation = 0;      // of the run waiting for READY; 0 once read (being applied)
   std::uint64_t timeout_timer = 0;
   std::uint64_t schedule_timer = 0;
   std::uint64_t startup_timer = 0;    // the start-up run, queued
   std::int64_t next_run_us = -1;      // host clock; -1: manual
   SyncReport current;                 // the run in progress
   std::optional<SyncReport> last;     // the last finished run
};

class DirectorySync {
public:
   // `db` is the engine thread's connection to the phone book: searches and loading reports.
   // The worker opens its own connection to the same file (a book in memory cannot be synced).
   // `plan` reads numbers not in "+" form (the master site's); without one they are kept raw.
   DirectorySync(EngineLoop &loop, const DirectoryConfig &config, std::shared_ptr<directory::DirectoryDb> db,
                 std::optional<numbers::NumberPlan> plan, FindDirectoryPort find);
   // Cancels every timer. A run still waiting for READY is dropped: nothing was written yet. A
   // run being applied is cancelled and rolled back; the worker is joined before this returns.
   ~DirectorySync();
   DirectorySync(const DirectorySync &) = delete;
   DirectorySync &operator=(const DirectorySync &) = delete;

   // Loads the last reports, arms the schedules and queues a run of every source without one
   // (it begins when the engine loop next runs its timers).
   void start();
   // Starts a run of `source` (a plugin id) now. `why` says what went wrong otherwise.
   SyncStart run_now(std::string_view source, std::string &why);
   // Takes a READY event of `plugin` (a pbx source's SYNC_READY); other events and stale
   // correlations are ignored.
   void on_event(std::string_view plugin, const portier_event_header &ev);

   const std::vector<SyncSource> &sources() const { return sources_; }
   directory::DirectoryDb &db() { return *db_; }
   EngineLoop &loop() { return loop_; }
   // For tests: see DirectoryApplyHook. While no run is being applied.
   void set_apply_hook(DirectoryApplyHook hook) { worker_.set_apply_hook(std::move(hook)); }
   // For tests: see DirectoryKeysHook. While no job is queued.
   void set_keys_hook(DirectoryKeysHook hook) { worker_.set_keys_hook(std::move(hook)); }
   // Has the worker read the contacts' keys now (the whole book, in the background) and after
   // every committed run (the change); `sink` gets each on the engine loop, with the run's
   // report. The engine thread never reads the book for them. Once. [engine]
   void track_contact_keys(ContactKeysSink sink);

private:
   SyncSource *find(std::string_view plugin);
   void arm_schedule(SyncSource &source);
   void scheduled_run(std::string_view plugin);
   void finish(SyncSource &source, const portier_directory_event &ready);
   void fail(SyncSource &source, std::string why);
   void complete(SyncSource &source);
   // Hands the read records to the worker; the source stays running until applied() runs.
   void start_apply(SyncSource &source, std::vector<directory::Contact> rows);
   void applied(const std::string &plugin, SyncReport report);
   // Posts `fn` to the engine loop, dropped once this object is gone. [any]
   void post(std::function<void()> fn);

   EngineLoop &loop_;
   std::int64_t ready_timeout_us_;
   std::shared_ptr<directory::DirectoryDb> db_;
   std::optional<numbers::NumberPlan> plan_;
   directory::MergePolicy policy_;
   FindDirectoryPort find_;
   ContactKeysSink keys_sink_;
   std::vector<SyncSource> sources_;
   std::uint64_t next_correlation_ = 1;
   // Expires with this object: a report posted by the worker after it is gone is dropped.
   std::shared_ptr<int> alive_ = std::make_shared<int>(0);
   DirectoryWorker worker_;  // last: stopped before the plan it borrows goes
};

// Seconds from `now` (a Unix time) to the next local `minute` after midnight; 1 .. 86400.
std::int64_t seconds_to_local_minute(std::int64_t now, int minute);

}  // namespace portier::kernel
