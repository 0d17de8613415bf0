// SPDX-License-Identifier: GPL-3.0-or-later
// What happens to a call nobody can take: night variants and time-overflow variants.
#pragma once

#include <string>

namespace portier::engine {

enum class VariantMode {
   busy,          // the caller hears busy tone
   announcement,  // a registered announcement is played
   forwarding,    // the call is forwarded to a number
};

struct Variant {
   std::string id;            // the manual's "designation"
   VariantMode mode = VariantMode::busy;
   std::string announcement;  // an announcement id, for VariantMode::announcement
   std::string destination;   // E.164, for VariantMode::forwarding
   std::string tenant;        // the tenant it belongs to
};

}  // namespace portier::engine
