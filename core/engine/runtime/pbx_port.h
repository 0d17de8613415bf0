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
   // Calls `number` from `device` (CSTA MakeCall): the phone rings or goes off-hook, as the PBX
   // does it. False, with nothing sent, when this link cannot make calls; a failure later is
   // the port's to report (logged). Not pure: a port without it cannot dial.
   virtual bool make_call(std::string_view device, std::string_view number) {
      static_cast<void>(device);
      static_cast<void>(number);
      return false;
   }
};

}  // namespace portier::engine
