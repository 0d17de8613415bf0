// SPDX-License-Identifier: GPL-3.0-or-later
// Publishing a new configuration: decide everything first, then apply in one step.
#include <algorithm>
#include <map>
#include <variant>

#include "kernel/host_services.h"
#include "kernel/kernel.h"
#include "kernel/log.h"
#include "kernel/plugin_vetting.h"

namespace portier::kernel {
namespace {

enum class Action { keep, reconfigure, replace, start, stop };

struct Step {
   Action action = Action::keep;
   PluginSlot *old = nullptr;                // the running slot, if any
   std::unique_ptr<PluginSlot> fresh;        // the slot that takes its place, if any
   const PluginEntry *entry = nullptr;       // from the new configuration
};

std::string at(const Position &p)
{
   return p.file + ":" + std::to_string(p.line) + ":" + std::to_string(p.column) + ": ";
}

// Settings that only a restart can change: the daemon's own sockets, files and queue.
void check_restart_only(const Config &now, const Config &next, std::vector<std::string> &errors)
{
   const std::string where = next.file.string() + ": ";
   if (now.system.control_socket != next.system.control_socket) {
      errors.push_back(where + "system.control_socket changed; that takes a restart of portierd");
   }
   if (now.store.path != next.store.path) {
      errors.push_back(where + "store.path changed; that takes a restart of portierd");
   }
   if (now.directory.canonical != next.directory.canonical) {
      errors.push_back(where + "directory changed; that takes a restart of portierd");
   }
   if (now.presence.canonical != next.presence.canonical) {
      errors.push_back(where + "presence changed; that takes a restart of portierd");
   }
   if (now.system.engine_queue != next.system.engine_queue) {
      errors.push_back(where + "system.engine_queue changed; that takes a restart of portierd");
   }
}

}  // namespace

ReloadResult Kernel::reload(const Config &next)
{
   ReloadResult result;
   check_restart_only(config_, next, result.errors);

   std::map<std::string, PluginSlot *> old_by_id;
   for (auto &slot : slots_) {
      old_by_id[slot->entry.id] = slot.get();
   }

   // Phase 1: decide, loading libraries and validating settings, without touching an instance.
   std::vector<Step> steps;
   SingleInstanceGuard instances;
   for (const auto &entry : next.plugins) {
      Step step;
      step.entry = &entry;
      auto found = old_by_id.find(entry.id);
      PluginSlot *old = found == old_by_id.end() ? nullptr : found->second;
      if (old != nullptr) {
         old_by_id.erase(found);
      }
      step.old = old;
      // The same file expected to be the same library: the loaded one can be reused.
      const bool same_file = old != nullptr && old->entry.file == entry.file && old->entry.plugin == entry.plugin;
      const bool same_settings = old != nullptr && old->entry.settings_json == entry.settings_json;
      const bool same_secrets = old != nullptr && old->entry.secrets == entry.secrets;
      if (old != nullptr && same_file && same_settings && same_secrets && old->entry.enabled == entry.enabled) {
         if (entry.enabled && old->library) {
            if (std::string why = instances.admit(entry, *old->library); !why.empty()) {
               result.errors.push_back(at(entry.at) + why);
               continue;
            }
         }
         step.action = Action::keep;
         steps.push_back(std::move(step));
         continue;
      }
      if (!entry.enabled) {
         step.action = Action::stop;
         steps.push_back(std::move(step));
         continue;
      }
      auto fresh = make_slot(entry);
      if (same_file && old->library) {
         fresh->library = old->library;
      } else {
         auto vetted = vet_plugin(entry, next);
         if (auto *why = std::get_if<std::string>(&vetted)) {
            result.errors.push_back(at(entry.at) + *why);
            continue;
         }
         fresh->library = std::get<PluginLibrary>(std::move(vetted));
      }
      if (std::string why = check_plugin_settings(*fresh->library, entry); !why.empty()) {
         result.errors.push_back(at(entry.settings_at) + why);
         continue;
      }
      if (std::string missing = check_plugin_secrets(entry); !missing.empty()) {
         result.errors.push_back(at(entry.at) + missing);
         continue;
      }
      if (std::string why = instances.admit(entry, *fresh->library); !why.empty()) {
         result.errors.push_back(at(entry.at) + why);
         continue;
      }
      // Secrets reach a plugin through secret_get, typically read at start: new references
      // take a restart, settings alone are applied in place.
      if (old != nullptr && old->instance != nullptr && same_file && same_secrets) {
         step.action = Action::reconfigure;
      } else {
         step.action = old != nullptr ? Action::replace : Action::start;
      }
      step.fresh = std::move(fresh);
      steps.push_back(std::move(step));
   }
   if (!result.errors.empty()) {
      return result;  // nothing changed
   }

   // Phase 2: apply. Removed and disabled plugins stop first (reverse start order).
   std::vector<PluginSlot *> stopping;
   for (auto &[id, slot] : old_by_id) {
      stopping.push_back(slot);  // no longer configured
   }
   for (auto &step : steps) {
      if ((step.action == Action::stop || step.action == Action::replace) && step.old != nullptr) {
         stopping.push_back(step.old);
      }
   }
   std::stable_sort(stopping.begin(), stopping.end(), [](const PluginSlot *a, const PluginSlot *b) {
      const int ra = a->library ? kind_start_rank(a->library->descriptor.kind) : 99;
      const int rb = b->library ? kind_start_rank(b->library->descriptor.kind) : 99;
      return ra > rb;
   });
   for (PluginSlot *slot : stopping) {
      if (slot->instance != nullptr) {
         stop_slot(*slot);
         result.changes.push_back("stopped '" + slot->entry.id + "'");
      }
   }

   std::vector<std::unique_ptr<PluginSlot>> next_slots;
   std::vector<PluginSlot *> to_start;
   for (auto &step : steps) {
      std::unique_ptr<PluginSlot> owned;
      if (step.old != nullptr) {
         auto it = std::find_if(slots_.begin(), slots_.end(),
                                [&](const auto &s) { return s.get() == step.old; });
         owned = std::move(*it);
      }
      switch (step.action) {
      case Action::keep:
         owned->entry = *step.entry;  // same meaning; positions may have moved
         break;
      case Action::stop:
         if (!owned) {
            owned = make_slot(*step.entry);  // newly listed, but disabled
         }
         owned->entry = *step.entry;
         owned->set_state(PluginState::stopped, kDisabledByConfiguration);
         break;
      case Action::reconfigure: {
         const portier_plugin &d = owned->library->descriptor;
         portier_error err = PORTIER_ERROR_INIT;
         portier_status st = PORTIER_ERR_UNSUPPORTED;
         const std::string &json = step.entry->settings_json;
         if (d.reconfigure != nullptr) {
            st = d.reconfigure(owned->instance, portier_str{json.data(), json.size()}, &err);
         }
         if (portier_status_ok(st)) {
            owned->entry = *step.entry;
            result.changes.push_back("reconfigured '" + owned->entry.id + "'");
         } else if (st == PORTIER_ERR_UNSUPPORTED) {
            stop_slot(*owned);
            owned->entry = *step.entry;
            to_start.push_back(owned.get());
            result.changes.push_back("restarted '" + owned->entry.id + "' to apply its settings");
         } else {
            const std::string why(err.message, strnlen(err.message, sizeof err.message));
            result.changes.push_back("'" + owned->entry.id + "' kept its previous settings: " + why);
            log(LogLevel::warning, owned->entry.id, "reconfigure refused, previous settings kept: " + why);
         }
         break;
      }
      case Action::replace:
      case Action::start:
         owned = std::move(step.fresh);
         to_start.push_back(owned.get());
         result.changes.push_back("started '" + owned->entry.id + "'");
         break;
      }
      next_slots.push_back(std::move(owned));
   }
   slots_ = std::move(next_slots);  // slots no longer configured are dropped, already stopped
   config_ = next;

   std::stable_sort(to_start.begin(), to_start.end(), [](const PluginSlot *a, const PluginSlot *b) {
      return kind_start_rank(a->library->descriptor.kind) < kind_start_rank(b->library->descriptor.kind);
   });
   for (PluginSlot *slot : to_start) {
      start_slot(*slot);
   }
   set_log_level(parse_log_level(config_.system.log_level));
   result.applied = true;
   return result;
}

}  // namespace portier::kernel
