// SPDX-License-Identifier: GPL-3.0-or-later
// directory.ldap: the descriptor, settings, start/stop and the portier_directory_source_v1 table.
// begin_import starts one thread (std::jthread) per import; it binds, runs the paged search,
// maps the entries, keeps the result and posts READY; read_rejects() and read() then hand the
// rejected entries and the records to the engine's sinks.
#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <stop_token>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include <portier/kind/directory.h>
#include <portier/plugin.hpp>

#include "import_job.h"
#include "ldap_settings.h"
#include "record_view.h"

namespace portier::ldap {
namespace {

// READY is retried while the engine queue is full: at most this many times, this far apart.
constexpr int kPostAttempts = 200;
constexpr auto kPostRetryDelay = std::chrono::milliseconds(10);
// Import threads that finished their import but may still be posting READY; begin_import
// refuses with BUSY beyond this many rather than wait for them.
constexpr std::size_t kMaxThreads = 4;

// One import's thread and whether it has returned, so the engine joins it without waiting.
struct ImportThread {
   std::shared_ptr<std::atomic<bool>> done = std::make_shared<std::atomic<bool>>(false);
   std::jthread thread;
};

class DirectoryLdap : public Plugin<DirectoryLdap> {
public:
   static Result<void> validate(std::string_view json) {
      auto parsed = parse_ldap_settings(json);
      if (!parsed.ok()) return parsed.error();
      return ok();
   }

   static Result<std::unique_ptr<DirectoryLdap>> create(Host /*host: the base keeps it*/, std::string_view json) {
      auto parsed = parse_ldap_settings(json);
      if (!parsed.ok()) return parsed.error();
      return std::make_unique<DirectoryLdap>(std::move(parsed).value());
   }

   explicit DirectoryLdap(LdapSettings settings) : settings_(std::move(settings)) {}

   Result<void> start() {
      std::string text;
      {
         const std::lock_guard<std::mutex> lock(mu_);
         started_ = true;
         text = "no import yet";
      }
      (void)host().report_state(PORTIER_STATE_RUNNING, text);
      return ok();
   }

   // New settings apply from the next import on; a running import keeps the ones it began with.
   Result<void> reconfigure(std::string_view json) {
      auto parsed = parse_ldap_settings(json);
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
      for (ImportThread &t : threads_) t.thread.request_stop();
      threads_.clear();  // joins each
   }

   const void *get_interface(std::string_view iid) const {
      return iid == PORTIER_IF_DIRECTORY_SOURCE_1 ? &kTable : nullptr;
   }

   portier_status begin_import(std::uint64_t correlation, portier_error *err) {
      host().assert_engine_thread("begin_import");
      const std::lock_guard<std::mutex> lock(mu_);
      if (!started_) return fail(err, PORTIER_ERR_STATE, "begin_import: the plugin is not started");
      if (running_) return fail(err, PORTIER_ERR_BUSY, "begin_import: an import is already running");
      // threads that returned are joined at once; one still posting its READY is left to finish
      std::erase_if(threads_, [](const ImportThread &t) { return t.done->load(); });
      if (threads_.size() >= kMaxThreads) {
         return fail(err, PORTIER_ERR_BUSY, "begin_import: earlier imports are still posting their READY");
      }
      running_ = true;
      finished_.reset();  // a new import discards one that was never read
      ImportThread &t = threads_.emplace_back();
      t.thread = std::jthread([this, settings = settings_, correlation, done = t.done](std::stop_token stop) {
         try {
            work(stop, settings, correlation);
         } catch (...) {
            // run_import turns failures into a failed READY; this only guards the logging
            const std::lock_guard<std::mutex> lock(mu_);
            running_ = false;
         }
         done->store(true);
      });
      return PORTIER_PENDING;
   }

   portier_status read(std::uint64_t correlation, portier_directory_sink sink, void *user, portier_error *err) {
      host().assert_engine_thread("read");
      if (sink == nullptr) return fail(err, PORTIER_ERR_INVALID, "read: sink is NULL");
      ImportOutcome result;
      {
         const std::lock_guard<std::mutex> lock(mu_);
         if (!finished_ || finished_->first != correlation) {
            return fail(err, PORTIER_ERR_NOT_FOUND,
                        "read: no finished import " + std::to_string(correlation) + " (unknown, failed or already read)");
         }
         result = std::move(finished_->second);
         finished_.reset();
      }
      std::vector<portier_directory_phone> phones;
      std::vector<const char *> emails;
      portier_directory_record record{};
      for (const Contact &contact : result.contacts) {
         view_as_record(contact, phones, emails, record);
         if (!sink(user, &record)) break;
      }
      return PORTIER_OK;
   }

   // Hands the finished import's listed rejects to `sink` and keeps the import for read(). The
   // rows are copied out under the lock so the sink runs unlocked.
   portier_status read_rejects(std::uint64_t correlation, portier_directory_reject_sink sink, void *user,
                               portier_error *err) {
      host().assert_engine_thread("read_rejects");
      if (sink == nullptr) return fail(err, PORTIER_ERR_INVALID, "read_rejects: sink is NULL");
      std::vector<RejectedEntry> rows;
      {
         const std::lock_guard<std::mutex> lock(mu_);
         if (!finished_ || finished_->first != correlation) {
            return fail(err, PORTIER_ERR_NOT_FOUND, "read_rejects: no finished import " + std::to_string(correlation) +
                                                        " (unknown, failed or already read)");
         }
         rows = finished_->second.report.listed;
      }
      portier_directory_reject reject{};
      for (const RejectedEntry &row : rows) {
         view_as_reject(row, reject);
         if (!sink(user, &reject)) break;
      }
      return PORTIER_OK;
   }

private:
   static portier_status fail(portier_error *err, portier_status status, const std::string &message) {
      detail::write_error(err, 0, {message});
      return status;
   }

   void work(std::stop_token stop, const LdapSettings &settings, std::uint64_t correlation) {
      const std::int64_t started_us = host().now_us();
      // read at each import, so a rotated secret file is picked up without a reload
      const std::optional<std::string> password =
          settings.password_secret.empty() ? std::nullopt : host().secret(settings.password_secret);
      ImportOutcome outcome = run_import(settings, password, stop);
      const std::int64_t finished_us = host().now_us();
      if (stop.stop_requested()) {
         const std::lock_guard<std::mutex> lock(mu_);
         running_ = false;
         return;  // stopping: the engine expects nothing more from this instance
      }
      if (outcome.status == PORTIER_OK) {
         for (const std::string &line : reject_log_lines(outcome.report)) host().warn(line);
         host().info("import " + std::to_string(correlation) + " of " + settings.url + " " + settings.base_dn + ": " +
                    summary(outcome.report) + " in " + std::to_string(outcome.pages) + " pages");
      } else {
         host().error("import " + std::to_string(correlation) + " failed: " + outcome.message);
      }
      const portier_directory_event ready = ready_event(outcome, correlation);
      (void)host().report_state(outcome.status == PORTIER_OK ? PORTIER_STATE_RUNNING : PORTIER_STATE_LIMITED,
                               status_text(outcome, started_us, finished_us));
      {
         const std::lock_guard<std::mutex> lock(mu_);
         if (outcome.status == PORTIER_OK) finished_.emplace(correlation, std::move(outcome));
         running_ = false;
      }
      for (int attempt = 0; attempt < kPostAttempts && !stop.stop_requested(); ++attempt) {
         const auto posted = host().post(ready);
         if (posted.status() != PORTIER_ERR_BUSY) {
            if (!posted.ok()) host().error("import " + std::to_string(correlation) + ": READY not posted: " + posted.message());
            return;
         }
         std::this_thread::sleep_for(kPostRetryDelay);
      }
      host().error("import " + std::to_string(correlation) + ": READY not posted: the engine queue stayed full");
   }

   static portier_status PORTIER_ABI abi_begin_import(portier_instance *inst, std::uint64_t correlation,
                                                      portier_error *err) noexcept {
      if (inst == nullptr) return fail_noexcept(err, "begin_import: instance is NULL");
      try {
         return reinterpret_cast<DirectoryLdap *>(inst)->begin_import(correlation, err);
      } catch (...) {
         return internal(err, "begin_import");
      }
   }

   static portier_status PORTIER_ABI abi_read(portier_instance *inst, std::uint64_t correlation,
                                              portier_directory_sink sink, void *user, portier_error *err) noexcept {
      if (inst == nullptr) return fail_noexcept(err, "read: instance is NULL");
      try {
         return reinterpret_cast<DirectoryLdap *>(inst)->read(correlation, sink, user, err);
      } catch (...) {
         return internal(err, "read");
      }
   }

   static portier_status PORTIER_ABI abi_read_rejects(portier_instance *inst, std::uint64_t correlation,
                                                      portier_directory_reject_sink sink, void *user,
                                                      portier_error *err) noexcept {
      if (inst == nullptr) return fail_noexcept(err, "read_rejects: instance is NULL");
      try {
         return reinterpret_cast<DirectoryLdap *>(inst)->read_rejects(correlation, sink, user, err);
      } catch (...) {
         return internal(err, "read_rejects");
      }
   }

   static portier_status fail_noexcept(portier_error *err, std::string_view message) noexcept {
      detail::write_error(err, 0, {message});
      return PORTIER_ERR_INVALID;
   }

   static portier_status internal(portier_error *err, std::string_view where) noexcept {
      detail::write_error(err, 0, {"exception in ", where});
      return PORTIER_ERR_INTERNAL;
   }

   static constexpr portier_directory_source_v1 kTable{static_cast<std::uint32_t>(sizeof(portier_directory_source_v1)),
                                                       &abi_begin_import, &abi_read, &abi_read_rejects};

   std::mutex mu_;
   LdapSettings settings_;   // guarded by mu_
   bool started_ = false;   // guarded by mu_
   bool running_ = false;   // guarded by mu_: an import thread has not finished
   std::optional<std::pair<std::uint64_t, ImportOutcome>> finished_;  // guarded by mu_
   std::vector<ImportThread> threads_;  // engine thread only; last: joined first on destruction
};

}  // namespace
}  // namespace portier::ldap

PORTIER_PLUGIN_EX(portier::ldap::DirectoryLdap,
                  portier::PluginInfo{"directory.ldap", PORTIER_KIND_DIRECTORY, "LDAP phone book", "1.0.0", "", "", "",
                                      "GPL-3.0-or-later",
                                      "Imports contacts from an LDAP directory (paged search) into the phone book.",
                                      nullptr, nullptr})
