// SPDX-License-Identifier: GPL-3.0-or-later
// Forwarding of every device a pbx plugin reported PORTIER_PBX_EV_FEATURES for, kept beside the
// busy-lamp board (device_board.h) so that directory_contact can show an office user's
// forwarding. Engine thread only; bounded.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <utility>

#include <portier/event.h>

namespace portier::kernel {

// Destinations per kind; "" is off.
struct DeviceForwarding {
   std::string unconditional;
   std::string busy;
   std::string no_answer;
};

class ForwardingBoard {
public:
   explicit ForwardingBoard(std::size_t capacity = 100000) : capacity_(capacity) {}

   // Takes `ev` when it is a features event from `plugin`, not shorter than its record; other
   // events are ignored. A new device beyond the capacity is not kept. True when it changed.
   bool apply(std::string_view plugin, const portier_event_header &ev);
   // Forgets every device of `plugin` (it stopped).
   void forget(std::string_view plugin);
   // What `plugin` last reported for `device`, or nullptr.
   const DeviceForwarding *find(std::string_view plugin, std::string_view device) const;

private:
   std::size_t capacity_;
   std::map<std::pair<std::string, std::string>, DeviceForwarding> devices_;
};

}  // namespace portier::kernel
