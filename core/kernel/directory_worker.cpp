// SPDX-License-Identifier: GPL-3.0-or-later
#include "kernel/directory_worker.h"

#include <sqlite3.h>

#include "directory/book_stamp.h"
#include "directory/name_sets.h"
#include "directory/statement.h"
#include "kernel/log.h"
#include "kernel/wall_time.h"

namespace portier::kernel {

namespace {

// Virtual machine steps between two looks at the stop flag: a few microseconds of work.
constexpr int kProgressSteps = 1000;

void take_applied(SyncReport &report, const directory::ApplyReport &applied) {
   report.added = applied.added;
   report.updated = applied.updated;
   report.deleted = applied.deleted;
   report.unchanged = applied.unchanged;
   for (const directory::RejectedRow &row : applied.rejected)
      report.reject({row.position, row.source_id, "record " + std::to_string(row.position) + ": " + row.reason});
   report.ok = true;
}

}  // namespace

DirectoryWorker::DirectoryWorker(std::string path) : path_(std::move(path)) {}

DirectoryWorker::~DirectoryWorker() { stop(); }

bool DirectoryWorker::submit(DirectoryJob job, DirectoryJobDone done) {
   {
      std::lock_guard lock(mutex_);
      if (stopping_.load()) return false;
      queue_.push_back({std::move(job), std::move(done)});
   }
   if (!thread_.joinable()) thread_ = std::thread([this]() { run(); });
   wake_.notify_one();
   return true;
}

void DirectoryWorker::set_apply_hook(DirectoryApplyHook hook) {
   std::lock_guard lock(mutex_);
   hook_ = std::move(hook);
}

void DirectoryWorker::set_keys_hook(DirectoryKeysHook hook) {
   std::lock_guard lock(mutex_);
   keys_hook_ = std::move(hook);
}

void DirectoryWorker::keep_name_sets(NameSetsSink sink) {
   std::lock_guard lock(mutex_);
   name_sets_sink_ = std::move(sink);
}

void DirectoryWorker::stop() {
   {
      std::lock_guard lock(mutex_);
      stopping_.store(true);
   }
   wake_.notify_one();
   if (thread_.joinable()) thread_.join();
}

void DirectoryWorker::run() {
   for (;;) {
      Queued queued;
      {
         std::unique_lock lock(mutex_);
         wake_.wait(lock, [this]() { return stopping_.load() || !queue_.empty(); });
         if (queue_.empty()) break;  // stopping, and every report is kept
         queued = std::move(queue_.front());
         queue_.pop_front();
      }
      if (queued.job.apply && stopping_.load()) {
         log(LogLevel::info, queued.job.source, "directory sync dropped before it began: portierd stops");
         continue;
      }
      work(queued);
   }
   db_.reset();  // closed on the thread that used it
}

bool DirectoryWorker::open_writer(std::string &why) {
   if (db_) return true;
   if (path_.empty()) {
      why = "the phone book is in memory: it has no file to open a writer connection on";
      return false;
   }
   auto opened = directory::DirectoryDb::open(path_);
   if (!opened) {
      why = "the phone book's writer connection: " + opened.error().what;
      return false;
   }
   db_ = opened.value();
   return true;
}

std::optional<ContactKeysDelta> DirectoryWorker::read_keys(const std::string &source) {
   if (keys_hook_) keys_hook_();
   auto delta = keys_.read(*db_);
   if (!delta) {
      log(LogLevel::error, source.empty() ? std::string("presence") : source,
          "phone book keys not readable for live state: " + delta.error().what);
      return std::nullopt;
   }
   return std::move(delta.value());
}

void DirectoryWorker::read_name_sets(const std::string &source) {
   if (!name_sets_sink_ || stopping_.load()) return;
   // A run that wrote nothing left the stamp: the copy handed on last is still the book.
   if (auto stamp = directory::read_book_stamp(*db_); stamp && stamp.value() == name_sets_stamp_) return;
   auto sets = directory::build_name_sets(*db_, &stopping_);
   if (!sets && stopping_.load()) return;  // portierd stops: no copy is needed any more
   if (!sets) {
      // The engine keeps searching through FTS5 alone: slower for several words, never wrong.
      log(LogLevel::warning, source.empty() ? std::string("directory") : source,
          "phone book names not read into memory: " + sets.error().what);
      return;
   }
   name_sets_stamp_ = sets.value()->stamp;
   name_sets_sink_(std::move(sets.value()));
}

void DirectoryWorker::work(Queued &queued) {
   DirectoryJob &job = queued.job;
   if (job.release) {
      job.release.reset();  // here, not on the engine thread
      return;
   }
   SyncReport &report = job.report;
   std::string why;
   const bool writable = open_writer(why);
   if (job.keys_only) {
      if (!writable) log(LogLevel::error, "presence", "phone book keys not readable for live state: " + why);
      std::optional<ContactKeysDelta> keys = writable ? read_keys(job.source) : std::nullopt;
      if (queued.done) queued.done(SyncReport{}, std::move(keys));
      return;
   }
   if (job.name_sets_only) {
      if (writable) read_name_sets(job.source);
      return;
   }
   bool committed = false;
   std::optional<ContactKeysDelta> keys;
   if (job.apply && !writable) {
      report.ok = false;
      report.error = why;
   } else if (job.apply) {
      sqlite3 *db = db_->handle();
      hook_called_ = false;
      changes_before_ = sqlite3_total_changes64(db);
      sqlite3_progress_handler(db, kProgressSteps, &DirectoryWorker::on_progress, this);
      auto applied = directory::apply_source(*db_, job.source, job.rows, job.options);
      sqlite3_progress_handler(db, 0, nullptr, nullptr);
      // An interrupted read inside the run leaves its transaction open; an interrupted write
      // has rolled it back already.
      if (!sqlite3_get_autocommit(db)) directory::execute(db, "ROLLBACK");
      if (!applied && stopping_.load()) {
         log(LogLevel::info, job.source, "directory sync cancelled and rolled back: portierd stops");
         return;
      }
      if (applied) {
         take_applied(report, applied.value());
         committed = true;
         if (track_keys_.load()) keys = read_keys(job.source);  // committed: the read sees the run
      } else {
         report.ok = false;
         report.error = applied.error().what;
      }
      job.rows = {};  // a million contacts freed before the report travels
   }
   if (report.finished.empty()) report.finished = utc_now_iso();
   if (!writable) {
      log(LogLevel::warning, job.source, "directory sync report not kept: " + why);
   } else if (std::string error = store_report(*db_, report); !error.empty()) {
      log(LogLevel::warning, job.source, "directory sync report not kept: " + error);
   }
   if (queued.done) queued.done(std::move(report), std::move(keys));
   if (committed) read_name_sets(job.source);  // after the report: the book has changed already
}

int DirectoryWorker::on_progress(void *self) {
   auto *worker = static_cast<DirectoryWorker *>(self);
   sqlite3 *db = worker->db_->handle();
   if (worker->hook_ && !worker->hook_called_ && !sqlite3_get_autocommit(db) &&
       sqlite3_total_changes64(db) > worker->changes_before_) {
      worker->hook_called_ = true;
      worker->hook_(worker->stopping_);
   }
   return worker->stopping_.load() ? 1 : 0;
}

}  // namespace portier::kernel
