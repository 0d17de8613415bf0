// SPDX-License-Identifier: GPL-3.0-or-later
// Subscribers of an MP2 export as the pbx kind's extensions (portier_pbx_extension fields).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "mp2_parser.h"

namespace portier::osv {

// One extension, owning its strings; "" where the export has nothing.
struct Extension {
   std::string number;        // SUBSCRIBERDN as the PBX knows it
   std::string e164;          // "+" and the DN when the DN is a full international number
   std::string display_name;  // DISPLAYNAME, else BGLINENAME
   std::string first_name;    // from "Last, First"
   std::string last_name;
   std::string department;
   std::string email;
};

struct ExtensionList {
   std::vector<Extension> extensions;
   std::size_t skipped = 0;  // subscriber records without a usable DN, or repeating one
};

// Every subscriber record (keyword CS_..., e.g. CS_SIP) with a SUBSCRIBERDN, in file order; the
// first record of a DN wins. Other records (HomeDn, UM, ...) are not extensions. [any]
ExtensionList extensions_from(const Mp2File &file);

// "Muster, Anna" -> {"Anna", "Muster"}; without a comma nothing is split. [any]
struct NameParts {
   std::string first;
   std::string last;
};
NameParts split_display_name(std::string_view display);

// "+4930555510" for "4930555510" or "+4930555510"; "" for a DN that is not a full international
// number (fewer than kMinE164Digits digits, more than 15, or anything but digits). [any]
inline constexpr std::size_t kMinE164Digits = 8;
std::string e164_from_dn(std::string_view dn);

}  // namespace portier::osv
