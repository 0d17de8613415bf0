// SPDX-License-Identifier: GPL-3.0-or-later
// What a simulator runs: its office, port, script and demo traffic. Plain data, no Asio, so the
// settings and option readers stay light.
#pragma once

#include <cstdint>
#include <vector>

#include "demo/traffic.h"
#include "office/office_types.h"
#include "script/script.h"
#include "sip/sip_options.h"

namespace portier::pbxsim {

struct SimulatorOptions {
   OfficeSpec office;
   std::uint16_t port = 1040;         // 0: any free port
   std::vector<Step> script;          // empty: no script
   bool demo = false;
   TrafficOptions traffic;
   bool stop_after_script = false;    // run() returns when the script has ended
   SipOptions sip;                    // the SIP side (sip.enabled); needs lib-sip and lib-media
};

}  // namespace portier::pbxsim
