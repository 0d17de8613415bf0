// SPDX-License-Identifier: GPL-3.0-or-later
// Reading the cloud services' JSON bodies: a missing or non-string member reads as "", so a
// changed or partial answer degrades to "unknown" instead of throwing. Header-only, on
// nlohmann/json (the caller links nlohmann_json; no libcurl). Thread tag: [any]; no state.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace portier::http {

// `object[key]` when it is a string, else "" (also when `object` is no object); a copy, never
// throws. [any]
inline std::string string_at(const nlohmann::json &object, const char *key) {
   const auto it = object.find(key);
   return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace portier::http
