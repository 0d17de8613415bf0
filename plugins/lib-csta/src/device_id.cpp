// SPDX-License-Identifier: GPL-3.0-or-later
#include "portier/csta/device_id.h"

namespace portier::csta {

DeviceId parse_device_id(std::string_view raw) {
   DeviceId id;
   id.raw = std::string(raw);
   if (raw.size() >= 2 && raw[0] == 'N' && raw[1] == '<') {
      const auto close = raw.find('>', 2);
      if (close != std::string_view::npos) {
         id.number = std::string(raw.substr(2, close - 2));
         const auto rest = raw.substr(close + 1);
         id.name = std::string(rest.substr(0, rest.find(';')));
         return id;
      }
   }
   // Plain form, possibly with parameters: the number ends at the first ';'.
   id.number = std::string(raw.substr(0, raw.find(';')));
   return id;
}

}  // namespace portier::csta
