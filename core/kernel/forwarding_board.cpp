// SPDX-License-Identifier: GPL-3.0-or-later
#include "kernel/forwarding_board.h"

#include "kernel/fixed_text.h"

#include <cstring>

#include <portier/kind/pbx.h>

namespace portier::kernel {
namespace {

// A kind switched off shows "", whatever destination the PBX keeps for it.
std::string destination(bool on, const std::string &to) { return on ? to : std::string(); }

}  // namespace

bool ForwardingBoard::apply(std::string_view plugin, const portier_event_header &ev) {
   if (ev.space != PORTIER_SPACE_PBX || ev.type != PORTIER_PBX_EV_FEATURES ||
       ev.struct_size < sizeof(portier_pbx_features_event)) {
      return false;
   }
   portier_pbx_features_event record;
   std::memcpy(&record, &ev, sizeof record);
   std::string device = text_of(record.device);
   if (device.empty()) return false;
   DeviceForwarding now{destination(record.forward_unconditional, text_of(record.forward_unconditional_to)),
                        destination(record.forward_busy, text_of(record.forward_busy_to)),
                        destination(record.forward_no_answer, text_of(record.forward_no_answer_to))};
   auto key = std::make_pair(std::string(plugin), std::move(device));
   const auto it = devices_.find(key);
   if (it == devices_.end()) {
      if (devices_.size() >= capacity_) return false;
      devices_.emplace(std::move(key), std::move(now));
      return true;
   }
   DeviceForwarding &was = it->second;
   if (was.unconditional == now.unconditional && was.busy == now.busy && was.no_answer == now.no_answer) return false;
   was = std::move(now);
   return true;
}

void ForwardingBoard::forget(std::string_view plugin) {
   for (auto it = devices_.begin(); it != devices_.end();) {
      it = it->first.first == plugin ? devices_.erase(it) : std::next(it);
   }
}

const DeviceForwarding *ForwardingBoard::find(std::string_view plugin, std::string_view device) const {
   const auto it = devices_.find(std::make_pair(std::string(plugin), std::string(device)));
   return it == devices_.end() ? nullptr : &it->second;
}

}  // namespace portier::kernel
