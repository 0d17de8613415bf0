// SPDX-License-Identifier: MIT
// The lifecycle paths of sdk-abi.md 3.15, each against a fresh strict host.
#include <thread>

#include "plugin_session.h"
#include "scenarios.h"

namespace portier::check {
namespace {

StrictHostOptions normal_host(const CheckOptions &opt)
{
   return {false, opt.served};
}

// The checker's own host must answer is_engine_thread right, or every thread finding is moot.
void check_engine_thread_answer(ScenarioLog &log, Session &s)
{
   const portier_host *h = s.host().table();
   const bool on_engine = h->is_engine_thread(h->ctx);
   bool on_other = true;
   std::thread probe([&] { on_other = h->is_engine_thread(h->ctx); });
   probe.join();
   if (!on_engine || on_other) {
      log.fail("the strict host's is_engine_thread answered wrong (a bug in portier-plugin-check)");
   }
}

// create -> start -> run -> stop -> destroy; false when a step failed.
bool full_cycle(ScenarioLog &log, const LoadedPlugin &plugin, const CheckOptions &opt, int run_ms,
                bool probe_engine_thread)
{
   Session s(log, plugin, opt, normal_host(opt));
   if (!s.create()) {
      return false;
   }
   if (!s.start()) {
      return false;
   }
   if (probe_engine_thread) {
      check_engine_thread_answer(log, s);
   }
   s.run(run_ms);
   s.stop();
   s.destroy();
   return true;
}

}  // namespace

void scenario_create_destroy(ScenarioLog &log, const CheckOptions &opt)
{
   const auto plugin = load_plugin(log, opt.plugin_path);
   if (!plugin) {
      return;
   }
   Session s(log, *plugin, opt, normal_host(opt));
   if (s.create()) {
      s.destroy();
   }
   log.finish();
}

void scenario_start_stop(ScenarioLog &log, const CheckOptions &opt)
{
   const auto plugin = load_plugin(log, opt.plugin_path);
   if (!plugin) {
      return;
   }
   full_cycle(log, *plugin, opt, opt.run_ms, true);
   log.finish("ran " + std::to_string(opt.run_ms) + " ms");
}

void scenario_repeat(ScenarioLog &log, const CheckOptions &opt)
{
   const auto plugin = load_plugin(log, opt.plugin_path);
   if (!plugin) {
      return;
   }
   for (int i = 0; i < 3; ++i) {
      log.progress("in cycle " + std::to_string(i + 1) + " of 3");
      if (!full_cycle(log, *plugin, opt, opt.run_ms / 3, false)) {
         break;
      }
   }
   log.finish("3 instances, one after another");
}

void scenario_reconfigure(ScenarioLog &log, const CheckOptions &opt)
{
   const auto plugin = load_plugin(log, opt.plugin_path);
   if (!plugin) {
      return;
   }
   if (plugin->d.reconfigure == nullptr) {
      log.pass_as(log.scenario(), "reconfigure is NULL: the host restarts the plugin to apply");
      return;
   }
   Session s(log, *plugin, opt, normal_host(opt));
   if (!s.create() || !s.start()) {
      log.finish();
      return;
   }
   s.run(opt.run_ms / 3);
   const portier_status valid = s.reconfigure(opt.config, "the given config");
   if (!portier_status_ok(valid) && valid != PORTIER_ERR_UNSUPPORTED) {
      log.fail(std::string("reconfigure() with the given config returned ") + portier_status_name(valid) +
               " (expected PORTIER_OK, or PORTIER_ERR_UNSUPPORTED to ask for a restart)");
   }
   s.run(opt.run_ms / 3);
   for (const char *garbage : {"not json", "{\"a\":", ""}) {
      const portier_status st = s.reconfigure(garbage, std::string("'") + garbage + "'");
      if (portier_status_ok(st)) {
         log.fail(std::string("reconfigure() accepted '") + garbage + "', which is not JSON");
      }
   }
   s.run(opt.run_ms / 3);
   s.stop();
   s.destroy();
   log.finish();
}

void scenario_failing_host(ScenarioLog &log, const CheckOptions &opt)
{
   const auto plugin = load_plugin(log, opt.plugin_path);
   if (!plugin) {
      return;
   }
   Session s(log, *plugin, opt, {true, opt.served});
   if (!s.create()) {
      log.finish();
      return;
   }
   if (!s.start(false)) {
      log.finish("start() failed cleanly when every host service failed");
      return;
   }
   s.run(opt.run_ms / 3);
   s.stop();
   s.destroy();
   log.finish("started and stopped cleanly although every host service failed");
}

}  // namespace portier::check
