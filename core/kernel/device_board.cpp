// SPDX-License-Identifier: GPL-3.0-or-later
#include "kernel/device_board.h"

#include "kernel/fixed_text.h"

#include <array>
#include <cstring>

#include <portier/kind/pbx.h>

namespace portier::kernel {
std::string_view lamp_state_name(std::int32_t state)
{
   static constexpr std::array<std::string_view, 8> kNames{
      "unknown", "idle", "ringing", "busy", "held", "dnd", "forwarded", "out_of_service"};
   if (state < 0 || static_cast<std::size_t>(state) >= kNames.size()) {
      return kNames[0];
   }
   return kNames[static_cast<std::size_t>(state)];
}

bool DeviceBoard::apply(std::string_view plugin, const portier_event_header &ev, std::string_view now)
{
   if (ev.space != PORTIER_SPACE_PBX || ev.type != PORTIER_PBX_EV_DEVICE ||
       ev.struct_size < sizeof(portier_pbx_device_event)) {
      return false;
   }
   // The host copied struct_size bytes starting at the header, so the whole record is there.
   portier_pbx_device_event record;
   std::memcpy(&record, &ev, sizeof record);
   std::string device = text_of(record.device);
   if (device.empty()) {
      return false;
   }
   auto key = std::make_pair(std::string(plugin), std::move(device));
   auto it = lamps_.find(key);
   if (it == lamps_.end()) {
      if (lamps_.size() >= capacity_) {
         ++dropped_;
         return false;
      }
      Lamp lamp{key.first, key.second, record.state, text_of(record.forward_to), std::string(now)};
      lamps_.emplace(std::move(key), std::move(lamp));
      return true;
   }
   Lamp &lamp = it->second;
   std::string forward_to = text_of(record.forward_to);
   if (lamp.state == record.state && lamp.forward_to == forward_to) {
      return false;  // a snapshot repeating what we know: the lamp's age stays
   }
   if (lamp.state != record.state) {
      lamp.since = std::string(now);
   }
   lamp.state = record.state;
   lamp.forward_to = std::move(forward_to);
   return true;
}

void DeviceBoard::forget(std::string_view plugin)
{
   for (auto it = lamps_.begin(); it != lamps_.end();) {
      it = it->first.first == plugin ? lamps_.erase(it) : std::next(it);
   }
}

const Lamp *DeviceBoard::find(std::string_view plugin, std::string_view device) const
{
   const auto it = lamps_.find(std::make_pair(std::string(plugin), std::string(device)));
   return it == lamps_.end() ? nullptr : &it->second;
}

std::vector<Lamp> DeviceBoard::lamps() const
{
   std::vector<Lamp> out;
   out.reserve(lamps_.size());
   for (const auto &[key, lamp] : lamps_) {
      out.push_back(lamp);
   }
   return out;
}

}  // namespace portier::kernel
