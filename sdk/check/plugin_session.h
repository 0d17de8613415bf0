// SPDX-License-Identifier: MIT
// Loading a plugin and driving one instance through its lifecycle against the strict host,
// with every borrowed argument guarded and every [engine] call timed.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include <portier/plugin.h>

#include "scenarios.h"
#include "strict_host.h"

namespace portier::check {

struct LoadedPlugin {
   const portier_plugin *raw = nullptr;  // as the plugin returned it
   portier_plugin d{};                   // copy_descriptor(raw)
};

// dlopen(RTLD_NOW | RTLD_LOCAL) and portier_plugin_entry(1); reports a failure and returns
// nothing if either does not work. The library stays loaded until the child exits.
std::optional<LoadedPlugin> load_plugin(ScenarioLog &log, const std::string &path);

// A human form of a status and error: "PORTIER_ERR_CONFIG: settings.port: out of range".
std::string describe(portier_status s, const portier_error &err);

// One instance under a strict host. The steps report their own failures; each returns false
// when the instance cannot go on.
class Session {
public:
   Session(ScenarioLog &log, const LoadedPlugin &plugin, const CheckOptions &opt,
           StrictHostOptions host_options);

   bool create();
   // Runs start(); on failure calls destroy() (never stop()) as the host would. The failure
   // is a finding unless `failure_is_finding` is false.
   bool start(bool failure_is_finding = true);
   void run(int ms) { host_->run_engine_for(ms); }
   // Runs reconfigure() with `config`; returns its status (PORTIER_OK when reconfigure is NULL).
   portier_status reconfigure(const std::string &config, const std::string &label);
   void stop();
   void destroy();
   StrictHost &host() { return *host_; }

private:
   void check_threads(const char *after, bool wait_for_faults);

   ScenarioLog &log_;
   const LoadedPlugin &plugin_;
   const CheckOptions &opt_;
   std::unique_ptr<StrictHost> host_;
   portier_instance *inst_ = nullptr;
   int baseline_threads_ = 0;
};

}  // namespace portier::check
