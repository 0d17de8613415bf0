// SPDX-License-Identifier: GPL-3.0-or-later
// What the engine asks of the PBX's CTI link (a pbx plugin's "portier.pbx/1"). Commands return
// nothing, like TrunkPort's: the host logs a command the plugin refuses or fails.
#pragma once

#include <string_view>

namespace portier::engine {

class PbxPort {
  public:
   virtual ~PbxPort() = default;
   // Call forwarding unconditional (CFU) of `device` to `destination`, both E.164.
   virtual void set_forwarding(std::string_view device, std::string_view destination) = 0;
   // Switches CFU of `device` off.
   virtual void clear_forwarding(std::string_view device) = 0;
};

}  // namespace portier::engine
