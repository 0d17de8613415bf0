// SPDX-License-Identifier: GPL-3.0-or-later
// RingCentral ids as text: one body sends an id as a number, another as a string. (Its string
// members are read with lib-http's string_at, json_fields.h.)
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

namespace portier::office {

// `v` as text when it is an integer or a string, else "". [any]
inline std::string id_text(const nlohmann::json &v) {
   if (v.is_number_integer()) return std::to_string(v.get<std::int64_t>());
   return v.is_string() ? v.get<std::string>() : std::string();
}

}  // namespace portier::office
