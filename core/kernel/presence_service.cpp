// SPDX-License-Identifier: GPL-3.0-or-later
// The kernel's part of live contact state (contact_states.h, docs/presence.md): checks that the
// presence section names a presence plugin, builds the contact states once the plugins and the
// phone book run, and hands them presence and device events.
#include <chrono>
#include <mutex>

#include <portier/kind/pbx.h>
#include <portier/kind/presence.h>

#include "kernel/kernel.h"
#include "kernel/log.h"
#include "kernel/presence_plugin_kind.h"
#include "numbers/extension_of.h"

namespace portier::kernel {

void Kernel::check_presence_plugin(std::vector<ConfigError> &errors) const
{
   const PresenceConfig &presence = config_.presence;
   if (!presence.configured || presence.plugin.empty()) return;
   for (const auto &slot : slots_) {
      if (slot->entry.id != presence.plugin || !slot->library) continue;
      if (auto error = presence_plugin_kind_error(presence, slot->library->descriptor.kind))
         errors.push_back(std::move(*error));
   }
}

void Kernel::start_contact_states()
{
   if (contact_states_ || !directory_) return;  // live state is per contact: no phone book, none
   ContactStateHooks hooks;
   hooks.publish = [this](const nlohmann::json &event) { deliver_to_clients(event); };
   hooks.presence_port = [this]() -> std::optional<PresencePort> {
      PluginSlot *slot = find(config_.presence.plugin);
      if (slot == nullptr || slot->phase != Phase::started || !slot->library || slot->instance == nullptr)
         return std::nullopt;
      const void *table = slot->library->descriptor.get_interface(slot->instance, PORTIER_IF_PRESENCE_1);
      if (table == nullptr) return std::nullopt;
      return PresencePort{static_cast<const portier_presence_v1 *>(table), slot->instance, slot->generation};
   };
   hooks.running = [this](std::string_view id) {
      const PluginSlot *slot = find(id);
      if (slot == nullptr || slot->phase != Phase::started) return false;
      const std::lock_guard<std::mutex> lock(slot->state_mutex);  // report_state writes it from any thread
      return slot->state == PluginState::running;
   };
   hooks.extension_of = [this](std::string_view device) {
      if (!device.empty() && device.front() == '+' && plan_)
         if (auto extension = numbers::extension_of(*plan_, device)) return std::move(*extension);
      return std::string(device);
   };
   hooks.wall_ms = [] {
      return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
          .count();
   };
   contact_states_ = std::make_unique<ContactStates>(loop_, config_.presence, std::move(hooks));
   contact_states_->start();
   // The directory worker reads the book's keys (now, and after each committed run) and the
   // engine thread only applies the change: a million contacts never stall call handling.
   directory_->track_contact_keys([this](ContactKeysDelta delta) {
      if (contact_states_) contact_states_->apply_contacts(std::move(delta));
   });
}

void Kernel::contact_state_event(PluginSlot &slot, const portier_event_header &ev)
{
   if (!contact_states_) return;
   if (ev.space == PORTIER_SPACE_PRESENCE) contact_states_->on_presence(slot.entry.id, ev);
   else if (ev.space == PORTIER_SPACE_PBX && ev.type == PORTIER_PBX_EV_DEVICE) contact_states_->on_device(slot.entry.id, ev);
}

}  // namespace portier::kernel
