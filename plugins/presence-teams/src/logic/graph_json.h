// SPDX-License-Identifier: GPL-3.0-or-later
// Reading Graph's JSON bodies: a missing or non-string member reads as "", so a changed or partial
// answer degrades to "unknown" instead of throwing.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace portier::teams {

inline std::string string_at(const nlohmann::json &object, const char *key) {
   const auto it = object.find(key);
   return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace portier::teams
