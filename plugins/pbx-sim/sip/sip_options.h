// SPDX-License-Identifier: GPL-3.0-or-later
// What the simulator's SIP side runs with: where it listens, the trunk account of the provider
// service, the CPS number ranges routed over the trunk, the RTP range and how trunk numbers map
// onto office numbers. Plain data, so the settings and option readers stay light.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace portier::pbxsim {

// Never 5060-5080 (the real PBX and trunk.sip live there); 5090 is free by convention.
inline constexpr std::uint16_t kDefaultSipPort = 5090;

struct TrunkAccount {
   std::string register_id = "portier-cps";  // the endpoint alias; case-sensitive
   std::string user = "portier";
   std::string password = "portier";
   std::string realm = "pbxsim";
};

struct SipOptions {
   bool enabled = false;
   std::uint16_t port = kDefaultSipPort;  // UDP and TCP on 127.0.0.1; 0: any free port
   TrunkAccount trunk;
   // E.164 numbers and ranges routed to the trunk: "+4989700712", "+4989700712..+4989700719"
   // or "+4989700712..19".
   std::vector<std::string> cps_numbers = {"+498970071200..99"};
   std::uint16_t rtp_start = 32000;  // 0: a free range is searched
   std::uint32_t rtp_count = 200;
   // Trunk numbers are E.164; an office number without '+' is this prefix plus the number.
   std::string office_prefix = "+49897007";
   std::uint32_t min_expires_s = 300;  // shorter registrations get 423 Interval Too Brief
};

}  // namespace portier::pbxsim
