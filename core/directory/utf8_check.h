// SPDX-License-Identifier: GPL-3.0-or-later
// Well-formed UTF-8 (Unicode table 3-7: no overlong forms, no surrogates, nothing above
// U+10FFFF): the set nlohmann's decoder passes through unchanged. The JSON writer and the result
// reader both decide by it whether a text can take their direct path.
#pragma once

#include <cstddef>
#include <string_view>

namespace portier::directory {

// The length of the well-formed multi-byte sequence at `p` (whose first byte is 0x80 or above),
// or 0 when it is not one.
inline std::size_t utf8_sequence(const unsigned char *p, const unsigned char *end) {
   const unsigned char c = *p;
   std::size_t length;
   unsigned char low = 0x80, high = 0xBF;  // bounds of the second byte
   if (c >= 0xC2 && c <= 0xDF) length = 2;
   else if (c >= 0xE0 && c <= 0xEF) {
      length = 3;
      if (c == 0xE0) low = 0xA0;
      if (c == 0xED) high = 0x9F;
   } else if (c >= 0xF0 && c <= 0xF4) {
      length = 4;
      if (c == 0xF0) low = 0x90;
      if (c == 0xF4) high = 0x8F;
   } else
      return 0;
   if (static_cast<std::size_t>(end - p) < length || p[1] < low || p[1] > high) return 0;
   for (std::size_t i = 2; i < length; ++i)
      if (p[i] < 0x80 || p[i] > 0xBF) return 0;
   return length;
}

inline bool well_formed_utf8(std::string_view text) {
   const auto *p = reinterpret_cast<const unsigned char *>(text.data());
   const auto *end = p + text.size();
   while (p < end) {
      if (*p < 0x80) {
         ++p;
         continue;
      }
      const std::size_t length = utf8_sequence(p, end);
      if (length == 0) return false;
      p += length;
   }
   return true;
}

}  // namespace portier::directory
