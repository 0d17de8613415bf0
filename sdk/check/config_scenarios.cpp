// SPDX-License-Identifier: MIT
// validate_config with the given configuration and with garbage.
#include <cstring>

#include "config_fuzz.h"
#include "guarded_pages.h"
#include "plugin_session.h"
#include "scenarios.h"

namespace portier::check {
namespace {

constexpr int kMaxListedAccepts = 5;

portier_status validate(const LoadedPlugin &p, const std::string &text, portier_error &err)
{
   BorrowedText config(text, "config_json of validate_config()");
   const portier_status s = p.d.validate_config(config.str(), &err);
   config.retire();
   return s;
}

}  // namespace

void scenario_validate_valid(ScenarioLog &log, const CheckOptions &opt)
{
   const auto plugin = load_plugin(log, opt.plugin_path);
   if (!plugin) {
      return;
   }
   portier_error err = PORTIER_ERROR_INIT;
   log.progress("during validate_config() with the given config");
   const portier_status s = validate(*plugin, opt.config, err);
   if (s != PORTIER_OK) {
      log.fail("rejected the given config " + opt.config.substr(0, 200) + ": " + describe(s, err));
   }
   log.finish();
}

void scenario_validate_garbage(ScenarioLog &log, const CheckOptions &opt)
{
   const auto plugin = load_plugin(log, opt.plugin_path);
   if (!plugin) {
      return;
   }
   const auto inputs = garbage_configs(opt.config);
   int accepted = 0;
   for (const auto &in : inputs) {
      portier_error err = PORTIER_ERROR_INIT;
      log.progress("during validate_config() with " + in.label);
      const portier_status s = validate(*plugin, in.text, err);
      if (std::memchr(err.message, '\0', sizeof err.message) == nullptr) {
         log.fail("validate_config() left err->message without a NUL for " + in.label);
      }
      if (!in.is_json && portier_status_ok(s)) {
         if (++accepted <= kMaxListedAccepts) {
            log.fail("accepted " + in.label + ", which is not JSON (returned " + portier_status_name(s) + ")");
         }
      }
   }
   if (accepted > kMaxListedAccepts) {
      log.fail("accepted " + std::to_string(accepted) + " non-JSON inputs in all");
   }
   log.finish(std::to_string(inputs.size()) + " malformed or mutated configs, none crashed, hung or was "
              "accepted without being JSON");
}

}  // namespace portier::check
