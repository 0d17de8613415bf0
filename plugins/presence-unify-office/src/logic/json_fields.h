// SPDX-License-Identifier: GPL-3.0-or-later
// Reading RingCentral's JSON bodies: a missing or non-string member reads as "", so a changed or
// partial answer degrades to "unknown" instead of throwing.
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

namespace portier::office {

inline std::string text_at(const nlohmann::json &doc, const char *name) {
   const auto x = doc.find(name);
   return x != doc.end() && x->is_string() ? x->get<std::string>() : std::string();
}

// An id RingCentral sends as a number in one body and as a string in another.
inline std::string id_text(const nlohmann::json &v) {
   if (v.is_number_integer()) return std::to_string(v.get<std::int64_t>());
   return v.is_string() ? v.get<std::string>() : std::string();
}

}  // namespace portier::office
