// SPDX-License-Identifier: GPL-3.0-or-later
// OSV device identifiers: plain digits ("4930555510", "+17867104700") or the OSV form
// `N<number>display name;key=value;...`, e.g. `N<+17867100001>Line00001;displayNumber=00001`.
#pragma once

#include <string>
#include <string_view>

namespace portier::csta {

struct DeviceId {
   std::string raw;     // as received; what requests about this device send back
   std::string number;  // the dialable number inside
   std::string name;    // the display name, or ""
   bool empty() const { return raw.empty(); }
   bool operator==(const DeviceId &) const = default;
};

DeviceId parse_device_id(std::string_view raw);

}  // namespace portier::csta
