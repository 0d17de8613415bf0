// SPDX-License-Identifier: GPL-3.0-or-later
#include "kernel/admin_commands.h"

#include <exception>
#include <string>

#include "kernel/check.h"
#include "kernel/kernel.h"

namespace portier::kernel {
namespace {

nlohmann::json unavailable(const std::string &message)
{
   return {{"ok", false}, {"error", "unavailable"}, {"message", message}};
}

}  // namespace

bool serves_admin_command(std::string_view type)
{
   return type == "plugin_status" || type == "config_check" || type == "config_reload";
}

nlohmann::json plugin_status_answer(const Kernel &kernel)
{
   nlohmann::json plugins = nlohmann::json::array();
   for (const PluginStatus &s : kernel.status()) {
      // "detail" is the control channel's "reason": why it is not simply running.
      plugins.push_back({{"id", s.id},
                         {"plugin", s.plugin},
                         {"kind", s.kind},
                         {"name", s.name},
                         {"version", s.version},
                         {"state", s.state},
                         {"detail", s.reason},
                         {"since", s.since},
                         {"events", s.events}});
   }
   return {{"ok", true}, {"plugins", std::move(plugins)}};
}

nlohmann::json config_check_answer(const Kernel &kernel)
{
   const std::filesystem::path &file = kernel.config().file;
   if (file.empty()) {
      return unavailable("portierd runs on the embedded configuration; there is no file to check");
   }
   std::vector<ConfigError> errors;
   try {
      errors = check_config(file);
   } catch (const std::exception &e) {
      // A plugin library that throws while being vetted must not take the engine thread down.
      return unavailable("checking " + file.string() + " failed: " + e.what());
   }
   nlohmann::json findings = nlohmann::json::array();
   for (const ConfigError &e : errors) findings.push_back(e.to_string());
   const bool valid = errors.empty();
   return {{"ok", true}, {"file", file.string()}, {"valid", valid}, {"findings", std::move(findings)}};
}

nlohmann::json config_reload_answer(const ConfigReloader &reload)
{
   if (!reload) return unavailable("this host cannot reload its configuration");
   const nlohmann::json result = reload();
   if (!result.is_object()) return unavailable("the reload gave no result");
   if (result.value("ok", false)) {
      return {{"ok", true},
              {"applied", true},
              {"message", result.value("message", std::string())},
              {"changes", result.value("changes", nlohmann::json::array())}};
   }
   const std::string why = result.value("error", std::string("refused"));
   // Findings in the file: refused as a whole, nothing changed. Without findings the file could
   // not be read at all (or there is none): the reload is not available.
   if (!result.contains("errors")) return unavailable(why);
   return {{"ok", true}, {"applied", false}, {"message", why}, {"findings", result["errors"]}};
}

}  // namespace portier::kernel

namespace portier::kernel {

void Kernel::answer_admin_command(PluginSlot &slot, std::uint64_t request_id, const std::string &type)
{
   if (type == "plugin_status") {
      deliver_answer(slot, request_id, plugin_status_answer(*this));
      return;
   }
   if (type == "config_check") {
      deliver_answer(slot, request_id, config_check_answer(*this));
      return;
   }
   // The reload may stop, replace or restart the asking plugin itself: `slot` is not used after it.
   const std::string id = slot.entry.id;
   const std::uint64_t generation = slot.generation;
   nlohmann::json answer = config_reload_answer(config_reloader_);
   PluginSlot *asker = find(id);
   if (asker != nullptr && asker->generation == generation && asker->phase == Phase::started) {
      deliver_answer(*asker, request_id, std::move(answer));
   }
}

}  // namespace portier::kernel
