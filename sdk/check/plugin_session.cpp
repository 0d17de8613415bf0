// SPDX-License-Identifier: MIT
#include "plugin_session.h"

#include <dlfcn.h>

#include <chrono>
#include <cstring>

#include <portier/version.h>

#include "descriptor_checks.h"
#include "guarded_pages.h"

namespace portier::check {
namespace {

using Clock = std::chrono::steady_clock;

// How long a thread the plugin started may take to vanish after stop() joined it.
constexpr int kThreadExitGraceMs = 200;
// How long stray threads get to touch the retired host after destroy(), so the fault shows.
constexpr int kStrayCallWindowMs = 100;

}  // namespace

std::optional<LoadedPlugin> load_plugin(ScenarioLog &log, const std::string &path)
{
   log.progress("during dlopen()");
   void *handle = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
   if (handle == nullptr) {
      const char *why = ::dlerror();
      log.fail(std::string("dlopen failed: ") + (why ? why : "unknown error"));
      return std::nullopt;
   }
   auto entry = reinterpret_cast<portier_plugin_entry_fn>(::dlsym(handle, PORTIER_ENTRY_SYMBOL));
   if (entry == nullptr) {
      log.fail("the library has no symbol portier_plugin_entry");
      return std::nullopt;
   }
   log.progress("during portier_plugin_entry(1)");
   LoadedPlugin p;
   p.raw = entry(PORTIER_ABI_MAJOR);
   if (p.raw == nullptr) {
      log.fail("portier_plugin_entry(1) returned NULL");
      return std::nullopt;
   }
   p.d = copy_descriptor(p.raw);
   return p;
}

std::string describe(portier_status s, const portier_error &err)
{
   std::string out = portier_status_name(s);
   if (std::memchr(err.message, '\0', sizeof err.message) == nullptr) {
      return out + " (err->message is not NUL-terminated)";
   }
   if (err.message[0] != '\0') {
      out += std::string(": ") + err.message;
   }
   return out;
}

Session::Session(ScenarioLog &log, const LoadedPlugin &plugin, const CheckOptions &opt,
                 StrictHostOptions host_options)
   : log_(log), plugin_(plugin), opt_(opt), host_(std::make_unique<StrictHost>(log, std::move(host_options)))
{
}

bool Session::create()
{
   baseline_threads_ = thread_count();
   BorrowedText config(opt_.config, "config_json of create()");
   portier_error err = PORTIER_ERROR_INIT;
   portier_instance *out = nullptr;
   host_->set_phase(Phase::Creating);
   log_.progress("during create()");
   const auto t0 = Clock::now();
   const portier_status s = plugin_.d.create(host_->table(), config.str(), &out, &err);
   host_->warn_slow("create()", Clock::now() - t0);
   config.retire();
   host_->set_phase(Phase::Created);
   if (!portier_status_ok(s)) {
      log_.fail("create() failed with the given config: " + describe(s, err));
      return false;
   }
   if (out == nullptr) {
      log_.fail("create() returned " + std::string(portier_status_name(s)) + " but no instance");
      return false;
   }
   inst_ = out;
   return true;
}

bool Session::start(bool failure_is_finding)
{
   portier_error err = PORTIER_ERROR_INIT;
   host_->set_phase(Phase::Starting);
   log_.progress("during start()");
   const auto t0 = Clock::now();
   const portier_status s = plugin_.d.start(inst_, &err);
   host_->warn_slow("start()", Clock::now() - t0);
   if (portier_status_ok(s)) {
      host_->set_phase(Phase::Started);
      return true;
   }
   if (failure_is_finding) {
      log_.fail("start() failed: " + describe(s, err));
   } else if (std::memchr(err.message, '\0', sizeof err.message) == nullptr) {
      log_.fail("start() failed and left err->message without a NUL");
   }
   destroy();  // a failed start is followed by destroy, never stop
   return false;
}

portier_status Session::reconfigure(const std::string &config, const std::string &label)
{
   if (plugin_.d.reconfigure == nullptr) {
      return PORTIER_OK;
   }
   BorrowedText text(config, "config_json of reconfigure()");
   portier_error err = PORTIER_ERROR_INIT;
   log_.progress("during reconfigure() with " + label);
   const auto t0 = Clock::now();
   const portier_status s = plugin_.d.reconfigure(inst_, text.str(), &err);
   host_->warn_slow("reconfigure()", Clock::now() - t0);
   text.retire();
   if (std::memchr(err.message, '\0', sizeof err.message) == nullptr) {
      log_.fail("reconfigure() left err->message without a NUL");
   }
   return s;
}

void Session::stop()
{
   host_->set_phase(Phase::Stopping);
   log_.progress("during stop()");
   plugin_.d.stop(inst_);
   host_->set_phase(Phase::Stopped);
   log_.progress("after stop() returned");
   check_threads("stop() returned", false);
}

void Session::destroy()
{
   if (inst_ == nullptr) {
      return;
   }
   host_->set_phase(Phase::Destroying);
   log_.progress("during destroy()");
   const auto t0 = Clock::now();
   plugin_.d.destroy(inst_);
   host_->warn_slow("destroy()", Clock::now() - t0);
   inst_ = nullptr;
   host_->retire();
   log_.progress("after destroy() returned");
   check_threads("destroy() returned", true);
}

void Session::check_threads(const char *after, bool wait_for_faults)
{
   if (baseline_threads_ <= 0) {
      return;
   }
   int extra = 0;
   for (int waited = 0; waited <= kThreadExitGraceMs; waited += 5) {
      extra = thread_count() - baseline_threads_;
      if (extra <= 0) {
         return;
      }
      sleep_ms(5);
   }
   log_.fail(std::to_string(extra) + " thread(s) the plugin started still run after " + after +
             " (stop() must join every thread it started)");
   if (wait_for_faults) {
      sleep_ms(kStrayCallWindowMs);
   }
}

}  // namespace portier::check
