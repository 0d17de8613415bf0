// SPDX-License-Identifier: GPL-3.0-or-later
// What every phone-book source plugin's C ABI side is alike in: settings parsed for validate,
// create and reconfigure; begin_import starting one std::jthread per import, which runs the
// plugin's work, logs, reports the status line, keeps the result and posts READY; read_rejects()
// and read() handing the kept result to the engine's sinks; and the portier_directory_source_v1
// table. A plugin gives a traits struct and names the instance type for PORTIER_PLUGIN_EX:
//
//   struct CsvSource {
//      using Settings = CsvSettings;
//      using Import = ImportResult;   // has `contacts` and `report` (accepted, rejected, listed)
//      static Result<Settings> parse(std::string_view json);
//      // [import thread] the whole run; may throw only where the plugin wants the thread to end
//      // without READY (guarded_import turns the run's own failures into a failed outcome)
//      static ImportOutcome<Import> run(const Host &host, const Settings &, std::stop_token stop);
//      static ImportWords words(const Settings &, const Import &);        // log and status words
//      static void view_record(const Contact &, RecordView &);            // see record_view.h
//      static void view_reject(const RejectedRow &, portier_directory_reject &);
//   };
//   using DirectoryCsv = directory_source::SourcePlugin<CsvSource>;
//
// Ownership: the instance owns its settings, the one finished result (until read() takes it or
// the next begin_import drops it) and its import threads, joined by stop() or the destructor.
// Thread tags: validate/create/start/reconfigure/stop/begin_import/read/read_rejects [engine];
// Traits::run and Traits::words [import thread]. mu_ guards what both threads touch.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <stop_token>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include <portier/kind/directory.h>
#include <portier/plugin.hpp>

#include "call_errors.h"
#include "import_outcome.h"
#include "import_threads.h"
#include "ready_event.h"
#include "record_view.h"
#include "source_table.h"
#include "status_line.h"

namespace portier::directory_source {

template <typename Traits>
class SourcePlugin : public Plugin<SourcePlugin<Traits>> {
public:
   using Settings = typename Traits::Settings;
   using Import = typename Traits::Import;

   static Result<void> validate(std::string_view json) {
      auto parsed = Traits::parse(json);
      if (!parsed.ok()) return parsed.error();
      return ok();
   }

   static Result<std::unique_ptr<SourcePlugin>> create(Host /*host: the base keeps it*/, std::string_view json) {
      auto parsed = Traits::parse(json);
      if (!parsed.ok()) return parsed.error();
      return std::make_unique<SourcePlugin>(std::move(parsed).value());
   }

   explicit SourcePlugin(Settings settings) : settings_(std::move(settings)) {}

   Result<void> start() {
      {
         const std::lock_guard<std::mutex> lock(mu_);
         started_ = true;
      }
      (void)this->host().report_state(PORTIER_STATE_RUNNING, "no import yet");
      return ok();
   }

   // New settings apply from the next import on; a running import keeps the ones it began with.
   Result<void> reconfigure(std::string_view json) {
      auto parsed = Traits::parse(json);
      if (!parsed.ok()) return parsed.error();
      const std::lock_guard<std::mutex> lock(mu_);
      settings_ = std::move(parsed).value();
      return ok();
   }

   void stop() {
      {
         const std::lock_guard<std::mutex> lock(mu_);
         started_ = false;
      }
      threads_.stop_all();
   }

   const void *get_interface(std::string_view iid) const {
      return iid == PORTIER_IF_DIRECTORY_SOURCE_1 ? &SourceTable<SourcePlugin>::kTable : nullptr;
   }

   portier_status begin_import(std::uint64_t correlation, portier_error *err) {
      this->host().assert_engine_thread("begin_import");
      const std::lock_guard<std::mutex> lock(mu_);
      if (!started_) return refuse(err, PORTIER_ERR_STATE, "begin_import: the plugin is not started");
      if (running_) return refuse(err, PORTIER_ERR_BUSY, "begin_import: an import is already running");
      if (!threads_.reap()) {
         return refuse(err, PORTIER_ERR_BUSY, "begin_import: earlier imports are still posting their READY");
      }
      finished_.reset();  // a new import discards one that was never read
      threads_.start([this, settings = settings_, correlation](std::stop_token stop) {
         try {
            work(stop, settings, correlation);
         } catch (...) {
            // the plugin's run turns failures into a failed READY; this only guards the logging
            const std::lock_guard<std::mutex> lock(mu_);
            running_ = false;
         }
      });
      running_ = true;  // the thread cannot clear it before: it needs mu_, held here
      return PORTIER_PENDING;
   }

   portier_status read(std::uint64_t correlation, portier_directory_sink sink, void *user, portier_error *err) {
      this->host().assert_engine_thread("read");
      if (sink == nullptr) return refuse(err, PORTIER_ERR_INVALID, "read: sink is NULL");
      Import result;
      {
         const std::lock_guard<std::mutex> lock(mu_);
         if (!finished_ || finished_->first != correlation) return no_finished_import(err, "read", correlation);
         result = std::move(finished_->second);
         finished_.reset();
      }
      RecordView view;
      portier_directory_record record{};
      for (const auto &contact : result.contacts) {
         Traits::view_record(contact, view);
         fill_record(view, record);
         if (!sink(user, &record)) break;
      }
      return PORTIER_OK;
   }

   // Hands the finished import's listed rejects to `sink` and keeps the import for read(). The
   // rejects are copied out under the lock so the sink runs unlocked.
   portier_status read_rejects(std::uint64_t correlation, portier_directory_reject_sink sink, void *user,
                               portier_error *err) {
      this->host().assert_engine_thread("read_rejects");
      if (sink == nullptr) return refuse(err, PORTIER_ERR_INVALID, "read_rejects: sink is NULL");
      std::remove_cvref_t<decltype(std::declval<Import &>().report.listed)> rows;
      {
         const std::lock_guard<std::mutex> lock(mu_);
         if (!finished_ || finished_->first != correlation) return no_finished_import(err, "read_rejects", correlation);
         rows = finished_->second.report.listed;
      }
      portier_directory_reject reject{};
      for (const auto &row : rows) {
         Traits::view_reject(row, reject);
         if (!sink(user, &reject)) break;
      }
      return PORTIER_OK;
   }

private:
   void work(std::stop_token stop, const Settings &settings, std::uint64_t correlation) {
      const Host &host = this->host();
      const std::int64_t started_us = host.now_us();
      ImportOutcome<Import> outcome = Traits::run(host, settings, stop);
      const std::int64_t finished_us = host.now_us();
      if (stop.stop_requested()) {
         const std::lock_guard<std::mutex> lock(mu_);
         running_ = false;
         return;  // stopping: the engine expects nothing more from this instance
      }
      const bool succeeded = outcome.status == PORTIER_OK;
      const std::string import = "import " + std::to_string(correlation);
      std::string head;
      if (succeeded) {
         const ImportWords words = Traits::words(settings, outcome.result);
         for (const std::string &line : words.warnings) host.warn(line);
         host.info(import + " " + words.info);
         head = "last import: " + words.status;
      } else {
         host.error(import + " failed: " + outcome.message);
         head = "last import failed: " + outcome.message;
      }
      const portier_directory_event ready = ready_event(correlation, outcome.status, outcome.message,
                                                        outcome.result.report.accepted, outcome.result.report.rejected);
      (void)host.report_state(succeeded ? PORTIER_STATE_RUNNING : PORTIER_STATE_LIMITED,
                              status_line(head, started_us, finished_us));
      {
         const std::lock_guard<std::mutex> lock(mu_);
         if (succeeded) finished_.emplace(correlation, std::move(outcome.result));
         running_ = false;
      }
      post_ready(host, ready, stop);
   }

   std::mutex mu_;
   Settings settings_;     // guarded by mu_
   bool started_ = false;  // guarded by mu_
   bool running_ = false;  // guarded by mu_: an import thread has not finished
   std::optional<std::pair<std::uint64_t, Import>> finished_;  // guarded by mu_
   ImportThreads threads_;  // engine thread only; last: joined first on destruction
};

}  // namespace portier::directory_source
