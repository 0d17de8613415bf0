// SPDX-License-Identifier: GPL-3.0-or-later
// The kernel's part of the phone book: checks the directory sources against the loaded plugins,
// opens the book and starts its sync jobs once the plugins run, and answers its client commands.
#include "directory/directory_db.h"
#include "kernel/directory_commands.h"
#include "kernel/kernel.h"
#include "kernel/log.h"

#include <portier/kind/directory.h>
#include <portier/kind/pbx.h>

namespace portier::kernel {

void Kernel::check_directory_sources(std::vector<ConfigError> &errors) const
{
   for (const DirectorySourceConfig &source : config_.directory.sources) {
      for (const auto &slot : slots_) {
         if (slot->entry.id != source.plugin || !slot->library) continue;
         const char *kind = slot->library->descriptor.kind;
         if (kind == nullptr || std::string_view(kind) != "directory") {
            errors.push_back(ConfigError{Position{source.file, source.line, 0},
                                         source.path + ".plugin: '" + source.plugin + "' is a plugin of kind '" +
                                             (kind ? kind : "") + "', not directory"});
         }
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
      const void *table = slot->library->descriptor.get_interface(slot->instance, PORTIER_IF_DIRECTORY_SOURCE_1);
      if (table == nullptr) return std::nullopt;
      return DirectoryPort{static_cast<const portier_directory_source_v1 *>(table), slot->instance};
   };
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
         if (const Lamp *lamp = board_.find(slot->entry.id, extension)) return std::string(lamp_state_name(lamp->state));
      }
      return std::nullopt;
   };
   return answer_directory(request, directory_.get(), phone_state, plan_ ? &*plan_ : nullptr);
}

}  // namespace portier::kernel
