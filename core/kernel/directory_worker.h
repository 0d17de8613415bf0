// SPDX-License-Identifier: GPL-3.0-or-later
// The phone book's writer thread. It applies a sync run's records (numbers through the plan,
// merge, the one SQLite transaction) and keeps run reports, on its own connection to the book's
// file, so a million-row import never stalls the engine thread. The engine thread's connection
// only reads: in WAL its searches see the book as of the last commit while a run writes. One
// thread, so runs are serialised in the order they were handed over.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "directory/apply_source.h"
#include "directory/contact.h"
#include "directory/directory_db.h"
#include "kernel/contact_keys_delta.h"
#include "kernel/directory_report.h"

namespace portier::kernel {

// One piece of work: apply `rows` as the whole of `source` and keep `report`, or (apply false)
// only keep `report` (a run that failed before it had records), or (keys_only) only read the
// contacts' presence keys for the tracker (the first read once someone tracks them).
struct DirectoryJob {
   bool apply = true;
   bool keys_only = false;
   bool name_sets_only = false;  // only read the names into memory (keep_name_sets)
   // Only freed, on the worker thread: a million contacts' copy of the names takes 40-75 ms to
   // give back to the system, which the engine thread must not spend.
   std::shared_ptr<const directory::NameSets> release;
   std::string source;
   std::vector<directory::Contact> rows;
   directory::ApplyOptions options;  // options.plan is borrowed: it outlives the worker
   SyncReport report;                // started, received and the source's rejects already in
};

// Gets a finished job's report (counts, rejects, ok or error, finished time), after it was kept,
// and, while keys are tracked, the change of the contacts' keys that the committed run made
// (nullopt when nothing was read: a failed run, a report only, or a read that failed). A
// keys_only job gets an empty report and its keys. Called on the worker thread; not called for a
// run that stop() cancelled.
using DirectoryJobDone = std::function<void(SyncReport report, std::optional<ContactKeysDelta> keys)>;

// For tests: called once per applied run on the worker thread, inside the run's transaction after
// its first row was written and before the commit. `stopping` turns true when stop() is called.
using DirectoryApplyHook = std::function<void(const std::atomic<bool> &stopping)>;

// Gets a copy of the book's names in memory (directory/name_sets.h), read after a committed run
// or for a name_sets_only job. Called on the worker thread.
using NameSetsSink = std::function<void(std::shared_ptr<const directory::NameSets> sets)>;

// For tests: called on the worker thread just before each read of the contacts' keys.
using DirectoryKeysHook = std::function<void()>;

class DirectoryWorker {
public:
   // `path` is the book's file; "" (a book in memory) fails every job, as a second connection
   // would open another, empty book. The thread starts with the first job.
   explicit DirectoryWorker(std::string path);
   // stop().
   ~DirectoryWorker();
   DirectoryWorker(const DirectoryWorker &) = delete;
   DirectoryWorker &operator=(const DirectoryWorker &) = delete;

   // Queues `job`; `done` gets its report. Refused (false) after stop(). [engine]
   bool submit(DirectoryJob job, DirectoryJobDone done);
   // Cancels the run being applied (it rolls back: nothing half-applied), drops queued runs,
   // keeps queued reports, and waits for the thread. Idempotent. [engine]
   void stop();
   // Installs the test hook, while no run is being applied. [engine, tests]
   void set_apply_hook(DirectoryApplyHook hook);
   // From now on every committed run also reads the contacts' keys and hands their change to
   // its `done` (the read costs the worker, never the engine thread). [engine]
   void track_contact_keys() { track_keys_.store(true); }
   // From now on every committed run that moved the book's stamp, and every name_sets_only job,
   // also reads the book's names into memory and hands the copy to `sink`, after the run's
   // `done`: 1.5-2 s of the worker's at a million contacts, none of the engine's. A copy at the
   // stamp handed on last is not read again. Set before the first such job. [engine]
   void keep_name_sets(NameSetsSink sink);
   // Installs the keys test hook, while no job is queued or running. [engine, tests]
   void set_keys_hook(DirectoryKeysHook hook);

private:
   struct Queued {
      DirectoryJob job;
      DirectoryJobDone done;
   };

   void run();
   void work(Queued &queued);
   bool open_writer(std::string &why);
   std::optional<ContactKeysDelta> read_keys(const std::string &source);
   void read_name_sets(const std::string &source);
   // SQLite's progress handler during an apply: cancels it once stop() was called. [worker]
   static int on_progress(void *self);

   const std::string path_;
   std::mutex mutex_;
   std::condition_variable wake_;
   std::deque<Queued> queue_;    // guarded by mutex_
   std::atomic<bool> stopping_{false};
   std::atomic<bool> track_keys_{false};
   std::thread thread_;          // started and joined on the engine thread

   DirectoryApplyHook hook_;     // set under mutex_, read by the worker after it takes a job
   DirectoryKeysHook keys_hook_; // likewise
   NameSetsSink name_sets_sink_; // likewise

   // The worker thread's own.
   std::shared_ptr<directory::DirectoryDb> db_;
   bool hook_called_ = false;
   std::int64_t name_sets_stamp_ = -1;  // the stamp of the copy of the names handed on last
   std::int64_t changes_before_ = 0;
   ContactKeysTracker keys_;
};

}  // namespace portier::kernel
