// SPDX-License-Identifier: GPL-3.0-or-later
// A site: a location with one PBX connection, and the routing data that turns the numbers its
// PBX dials and shows into E.164 and back. Exactly one site is the master, where attendants work.
#pragma once

#include <cstdint>
#include <string>

namespace portier::engine {

struct AccessCodes {
   std::string public_code;    // "0": the line out of the PBX
   std::string national;       // "0": before an area code
   std::string international;  // "00": before a country code
   std::string local;          // "": for a local number, if the PBX needs one
};

struct Site {
   std::string name;
   bool master = false;
   std::string country_code;  // digits, without '+' or leading zeros: "49"
   std::string area_code;     // digits, without the trunk code: "89"
   std::string trunk_code = "0";
   std::uint32_t max_extension_length = 0;  // 0: not set
   AccessCodes access_codes;
};

}  // namespace portier::engine
