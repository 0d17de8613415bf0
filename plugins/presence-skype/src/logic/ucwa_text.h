// SPDX-License-Identifier: GPL-3.0-or-later
// A small text helper the UCWA readers share (one definition, so unity builds do not clash):
// ASCII lower case for case-insensitive values. JSON members are read with lib-http's string_at
// (json_fields.h).
#pragma once

#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>

namespace portier::skype {

inline std::string lower(std::string_view text) {
   std::string out(text);
   std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
   return out;
}

}  // namespace portier::skype
