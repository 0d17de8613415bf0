// SPDX-License-Identifier: GPL-3.0-or-later
// The kernel's part of the phone book: checks the directory sources against the loaded plugins,
// opens the book and starts its sync jobs once the plugins run, and answers its client commands.
#include "directory/directory_db.h"
#include "kernel/device_match.h"
#include "kernel/directory_commands.h"
#include "kernel/directory_pbx_source.h"
#include "kernel/directory_source_kind.h"
#include "kernel/kernel.h"
#include "kernel/log.h"

#include <portier/kind/directory.h>
#include <portier/kind/pbx.h>

namespace portier::kernel {

namespace {

bool is_kind(const PluginSlot &slot, std::string_view kind) {
   return slot.library && slot.library->descriptor.kind != nullptr && std::string_view(slot.library->descriptor.kind) == kind;
}

}  // namespace

void Kernel::check_directory_sources(std::vector<ConfigError> &errors) const
{
   // Whether a pbx plugin serves its extension list is known once it runs (start_directory).
   for (const DirectorySourceConfig &source : config_.directory.sources) {
      for (const auto &slot : slots_) {
         if (slot->entry.id != source.plugin || !slot->library) continue;
         if (auto error = directory_source_kind_error(source, slot->library->descriptor.kind))
            errors.push_back(std::move(*error));
      }
   }
}

void Kernel::start_directory()
{
   if (directory_ || !config_.directory.configured) return;
   for (const engine::Site &site : config_.engine.sites) {
      if (site.master) plan_ = numbers::plan_of(site);
   }
   auto db = directory::DirectoryDb::open(config_.directory.database.string());
   if (!db) {
      log(LogLevel::error, "kernel", "phone book not available: " + db.error().what);
      return;
   }
   auto find_port = [this](std::string_view id) -> std::optional<DirectoryPort> {
      PluginSlot *slot = find(id);
      if (slot == nullptr || slot->phase != Phase::started || !slot->library || slot->instance == nullptr)
         return std::nullopt;
      if (is_kind(*slot, PORTIER_KIND_PBX)) {
         const auto *sync = usable_pbx_sync(slot->library->descriptor.get_interface(slot->instance, PORTIER_IF_PBX_SYNC_1));
         return sync ? std::optional<DirectoryPort>(DirectoryPort{nullptr, slot->instance, sync}) : std::nullopt;
      }
      const void *table = slot->library->descriptor.get_interface(slot->instance, PORTIER_IF_DIRECTORY_SOURCE_1);
      if (table == nullptr) return std::nullopt;
      return DirectoryPort{static_cast<const portier_directory_source_v1 *>(table), slot->instance};
   };
   for (const DirectorySourceConfig &source : config_.directory.sources) {
      const PluginSlot *slot = find(source.plugin);
      if (slot != nullptr && is_kind(*slot, PORTIER_KIND_PBX) && slot->phase == Phase::started && !find_port(source.plugin))
         log(LogLevel::error, source.plugin,
             source.path + ".plugin: '" + source.plugin + "' is a pbx plugin that offers no " + PORTIER_IF_PBX_SYNC_1 +
                 " (pbx.osv offers it when its settings have 'sync'); its runs fail");
   }
   directory_ = std::make_unique<DirectorySync>(loop_, config_.directory, db.value(), plan_, std::move(find_port));
   directory_->start();
}

nlohmann::json Kernel::answer_directory_request(const nlohmann::json &request)
{
   // By extension over the pbx plugins' lamps: a handful of plugins, one map lookup each.
   PhoneStateOf phone_state = [this](std::string_view extension) -> std::optional<std::string> {
      for (const auto &slot : slots_) {
         if (!slot->library || slot->library->descriptor.kind == nullptr ||
             std::string_view(slot->library->descriptor.kind) != "pbx")
            continue;
         // The board may key by E.164 where the book has digits, or the other way round.
         const auto device = device_of_contact(board_, slot->entry.id, extension, {}, plan_ ? &*plan_ : nullptr);
         if (const Lamp *lamp = device ? board_.find(slot->entry.id, *device) : nullptr)
            return std::string(lamp_state_name(lamp->state));
      }
      return std::nullopt;
   };
   ContactStateOf state_of;
   if (contact_states_) state_of = [this](std::int64_t id) { return contact_states_->state_json(id); };
   nlohmann::json answer =
       answer_directory(request, directory_.get(), phone_state, plan_ ? &*plan_ : nullptr, state_of);
   if (request.value("type", std::string()) == "directory_contact") add_forwarding(answer);
   return answer;
}

}  // namespace portier::kernel
