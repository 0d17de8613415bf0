// SPDX-License-Identifier: GPL-3.0-or-later
// The kernel's part of office users' forwarding: the started pbx plugins' tables for
// forwarding_commands.h, the answer routed back to the same started client instance, and the
// "forwarding" object of directory_contact from the forwarding board.
#include <cstring>

#include <portier/kind/pbx.h>

#include "kernel/device_match.h"
#include "kernel/kernel.h"

namespace portier::kernel {

std::vector<PbxLink> Kernel::pbx_links() const
{
   std::vector<PbxLink> links;
   for (const auto &slot : slots_) {
      if (slot->phase != Phase::started || !slot->library || slot->instance == nullptr ||
          slot->library->descriptor.kind == nullptr || std::strcmp(slot->library->descriptor.kind, PORTIER_KIND_PBX) != 0)
         continue;
      const void *table = slot->library->descriptor.get_interface(slot->instance, PORTIER_IF_PBX_1);
      if (table == nullptr) continue;
      links.push_back(PbxLink{slot->entry.id, slot->instance, static_cast<const portier_pbx_v1 *>(table)});
   }
   return links;
}

void Kernel::answer_forwarding_command(const nlohmann::json &request, std::function<void(nlohmann::json)> answer)
{
   if (!forwarding_) forwarding_ = std::make_unique<ForwardingCommands>(loop_, config_.store.path);
   forwarding_->handle(request, directory_.get(), board_, pbx_links(), plan_ ? &*plan_ : nullptr, std::move(answer));
}

void Kernel::answer_forwarding_request(PluginSlot &slot, std::uint64_t request_id, const nlohmann::json &request)
{
   // The PBX answers later: by then the client plugin may have been reloaded or restarted.
   answer_forwarding_command(request, [this, id = slot.entry.id, generation = slot.generation,
                                       request_id](nlohmann::json fields) {
      PluginSlot *target = find(id);
      if (target != nullptr && target->generation == generation && target->phase == Phase::started)
         deliver_answer(*target, request_id, std::move(fields));
   });
}

void Kernel::add_forwarding(nlohmann::json &answer) const
{
   const auto contact = answer.find("contact");
   if (contact == answer.end() || !contact->is_object()) return;
   const std::string extension = contact->value("extension", std::string());
   std::vector<std::string> numbers;
   for (const nlohmann::json &phone : contact->value("phones", nlohmann::json::array())) {
      if (phone.is_object() && phone.value("number", nlohmann::json()).is_string())
         numbers.push_back(phone["number"].get<std::string>());
   }
   for (const PbxLink &link : pbx_links()) {
      const auto device = device_of_contact(board_, link.plugin, extension, numbers, plan_ ? &*plan_ : nullptr);
      if (!device) continue;
      // Known features win; before any, a FORWARDED lamp still tells the unconditional one.
      DeviceForwarding shown;
      if (const DeviceForwarding *known = forwarding_board_.find(link.plugin, *device)) {
         shown = *known;
      } else if (const Lamp *lamp = board_.find(link.plugin, *device); lamp && lamp->state == PORTIER_PBX_DEVICE_FORWARDED) {
         shown.unconditional = lamp->forward_to;
      }
      (*contact)["forwarding"] = {{"unconditional", shown.unconditional}, {"busy", shown.busy}, {"no_answer", shown.no_answer}};
      return;
   }
}

}  // namespace portier::kernel
