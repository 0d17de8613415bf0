// SPDX-License-Identifier: GPL-3.0-or-later
// Small adapters between osip's malloc'd C strings and std::string, for this part's .cpp files.
#pragma once

#include <cstdlib>
#include <string>
#include <string_view>

#include <osipparser2/osip_port.h>

namespace portier::sip {

// osip setters take ownership of a malloc'd copy.
inline char *osip_copy(std::string_view text) {
   auto *copy = static_cast<char *>(osip_malloc(text.size() + 1));
   if (copy == nullptr) return nullptr;
   text.copy(copy, text.size());
   copy[text.size()] = '\0';
   return copy;
}

inline std::string text_of(const char *text) { return text == nullptr ? std::string() : std::string(text); }

// Takes over an osip *_to_str result and frees it.
inline std::string take_text(char *text) {
   std::string out = text_of(text);
   if (text != nullptr) osip_free(text);
   return out;
}

}  // namespace portier::sip
