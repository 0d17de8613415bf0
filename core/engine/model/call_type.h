// SPDX-License-Identifier: GPL-3.0-or-later
// The types of call a tenant gives priorities to; a DDI entry's purpose is one of the first six.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>

namespace portier::engine {

enum class CallType {
   main,
   internal,
   intercept,
   forwarding_busy,
   forwarding_no_reply,
   invalid_destination,
   personal,
};

inline constexpr std::size_t kCallTypeCount = 7;

// The YAML spelling of each call type, in enum order.
inline constexpr std::array<std::string_view, kCallTypeCount> kCallTypeNames = {
    "main",          "internal", "intercept", "forwarding_busy", "forwarding_no_reply",
    "invalid_destination", "personal"};

inline constexpr std::string_view call_type_name(CallType type) {
   return kCallTypeNames[static_cast<std::size_t>(type)];
}

}  // namespace portier::engine
