// SPDX-License-Identifier: GPL-3.0-or-later
// The two shapes a number takes outside Portier.
#pragma once

namespace portier::numbers {

enum class Form {
   // As dialled at this site's PBX, and as the PBX reports numbers: an extension, or the access
   // codes first ("0 0 89 70070", "0 00 49 89 70070"), or a VNR node code and extension.
   dial,
   // As people write and read numbers (phone books, displays): "089 70070", "+49 (0)89 7007-0",
   // "0049 89 70070", or an extension.
   display,
};

}  // namespace portier::numbers
