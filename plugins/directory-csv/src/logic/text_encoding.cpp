// SPDX-License-Identifier: GPL-3.0-or-later
#include "text_encoding.h"

#include <cstdint>

namespace portier::csv {

const char *encoding_name(Encoding e) {
   switch (e) {
   case Encoding::utf8: return "utf-8";
   case Encoding::latin1: return "latin-1";
   case Encoding::automatic: break;
   }
   return "auto";
}

std::size_t first_bad_utf8(std::string_view bytes) noexcept {
   const auto *s = reinterpret_cast<const unsigned char *>(bytes.data());
   const std::size_t n = bytes.size();
   std::size_t i = 0;
   while (i < n) {
      const unsigned char c = s[i];
      if (c < 0x80) {
         ++i;
         continue;
      }
      std::size_t len = 0;
      std::uint32_t cp = 0;
      if (c >= 0xC2 && c <= 0xDF) {
         len = 2;
         cp = c & 0x1Fu;
      } else if (c >= 0xE0 && c <= 0xEF) {
         len = 3;
         cp = c & 0x0Fu;
      } else if (c >= 0xF0 && c <= 0xF4) {
         len = 4;
         cp = c & 0x07u;
      } else {
         return i;  // a continuation byte without a lead, C0/C1 (overlong) or F5..FF
      }
      if (len > n - i) return i;
      for (std::size_t k = 1; k < len; ++k) {
         const unsigned char b = s[i + k];
         if ((b & 0xC0u) != 0x80u) return i;
         cp = (cp << 6) | (b & 0x3Fu);
      }
      if (len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) return i;
      if (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) return i;
      i += len;
   }
   return std::string_view::npos;
}

void append_latin1_as_utf8(std::string &out, std::string_view latin1) {
   for (char ch : latin1) {
      const auto c = static_cast<unsigned char>(ch);
      if (c < 0x80) {
         out.push_back(ch);
      } else {
         out.push_back(static_cast<char>(0xC0u | (c >> 6)));
         out.push_back(static_cast<char>(0x80u | (c & 0x3Fu)));
      }
   }
}

}  // namespace portier::csv
