// SPDX-License-Identifier: GPL-3.0-or-later
// The busy-lamp board: the last state of every device a pbx plugin reports, kept from its
// PORTIER_PBX_EV_DEVICE events so that `portier lamps` can show them before any engine does.
// Engine thread only; bounded.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <portier/event.h>

namespace portier::kernel {

inline constexpr std::size_t kMaxLamps = 100000;

struct Lamp {
   std::string plugin;      // the pbx plugin's id
   std::string device;
   std::int32_t state = 0;  // PORTIER_PBX_DEVICE_*
   std::string forward_to;  // for FORWARDED, else ""
   std::string since;       // when this state began, as the caller's `now` gave it
};

// "unknown", "idle", "ringing", "busy", "held", "dnd", "forwarded", "out_of_service"; or
// "unknown" for a value the SDK does not define.
std::string_view lamp_state_name(std::int32_t state);

class DeviceBoard {
public:
   explicit DeviceBoard(std::size_t capacity = kMaxLamps) : capacity_(capacity) {}

   // Takes `ev` when it is a device event from `plugin` and not shorter than its record; other
   // events are ignored. `now` stamps a state that differs from the last one. A new device
   // beyond the capacity is not kept (counted in dropped()). True when the board changed.
   bool apply(std::string_view plugin, const portier_event_header &ev, std::string_view now);

   // Forgets every device of `plugin` (it stopped: its lamps are no longer live).
   void forget(std::string_view plugin);

   // The lamp of `device` reported by `plugin`, or nullptr.
   const Lamp *find(std::string_view plugin, std::string_view device) const;

   // Every lamp, ordered by plugin, then device.
   std::vector<Lamp> lamps() const;

   std::size_t size() const { return lamps_.size(); }
   std::size_t dropped() const { return dropped_; }

private:
   std::size_t capacity_;
   std::size_t dropped_ = 0;
   std::map<std::pair<std::string, std::string>, Lamp> lamps_;
};

}  // namespace portier::kernel
