// SPDX-License-Identifier: GPL-3.0-or-later
// Small text helpers the UCWA readers share (one definition, so unity builds do not clash): a
// missing or non-string JSON member reads as "", and ASCII lower case for case-insensitive values.
#pragma once

#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace portier::skype {

inline std::string text_at(const nlohmann::json &doc, const char *name) {
   const auto x = doc.find(name);
   return x != doc.end() && x->is_string() ? x->get<std::string>() : std::string();
}

inline std::string lower(std::string_view text) {
   std::string out(text);
   std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
   return out;
}

}  // namespace portier::skype
