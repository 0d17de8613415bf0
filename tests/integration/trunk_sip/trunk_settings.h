// SPDX-License-Identifier: GPL-3.0-or-later
// The settings trunk.sip's tests start it with: SIP and RTP on free ports of 127.0.0.1, pilot
// numbers +4989700710..19, the loop number +4989700799, 10 channels with ratio 3.
#pragma once

#include <cstdint>
#include <string>

#include "trunk_rig.h"

namespace trunktest {

inline const char *kPilot = "+4989700710";

struct TestSettings {
   std::uint16_t sip_port = free_udp_port();
   std::uint16_t registrar_port = free_udp_port();  // nobody listens unless a test starts one
   std::string extra;  // more JSON members, each with a leading comma

   std::string json() const {
      return std::string("{\"register_id\":\"provider\",\"registrar\":{\"host\":\"127.0.0.1\",\"port\":") +
             std::to_string(registrar_port) + "},\"password_secret\":\"trunk_password\"," +
             "\"listen\":{\"address\":\"127.0.0.1\",\"port\":" + std::to_string(sip_port) + "}," +
             "\"rtp\":{\"start_port\":" + std::to_string(free_rtp_base(40)) + ",\"count\":40}," +
             "\"channels\":10,\"ratio\":3,\"loop_number\":\"+4989700799\"" + extra + "}";
   }
};

inline std::string pilots() { return ",\"pilot_numbers\":[\"+4989700710..19\"]"; }

// The pilots and a media clip "music" (two seconds of test tone) for callers that wait.
inline std::string pilots_and_music() {
   return pilots() + ",\"media\":[{\"id\":\"music\",\"file\":\"" + write_wav("music.wav", test_tone(16000)) + "\"}]";
}

}  // namespace trunktest
