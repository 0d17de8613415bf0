// SPDX-License-Identifier: GPL-3.0-or-later
#include "json_depth.h"

namespace portier::web {

bool nesting_within(std::string_view text, std::size_t max_depth) {
   std::size_t depth = 0;
   bool in_string = false;
   bool escaped = false;
   for (const char c : text) {
      if (in_string) {
         if (escaped) {
            escaped = false;
         } else if (c == '\\') {
            escaped = true;
         } else if (c == '"') {
            in_string = false;
         }
         continue;
      }
      if (c == '"') {
         in_string = true;
      } else if (c == '[' || c == '{') {
         if (++depth > max_depth) return false;
      } else if ((c == ']' || c == '}') && depth > 0) {
         --depth;
      }
   }
   return true;
}

}  // namespace portier::web
