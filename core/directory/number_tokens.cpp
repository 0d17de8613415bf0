// SPDX-License-Identifier: GPL-3.0-or-later
#include "directory/number_tokens.h"

#include <algorithm>
#include <vector>

namespace portier::directory {

std::string number_tokens(std::string_view digits) {
   std::string out;
   std::vector<std::string_view> seen;
   std::size_t at = 0;
   while (at < digits.size()) {
      std::size_t end = digits.find(' ', at);
      if (end == std::string_view::npos) end = digits.size();
      const std::string_view number = digits.substr(at, end - at);
      for (std::size_t from = 0; from + kMinNumberFragment <= number.size(); ++from) {
         const std::string_view window = number.substr(from, kNumberWindow);
         if (std::find(seen.begin(), seen.end(), window) != seen.end()) continue;
         seen.push_back(window);
         if (!out.empty()) out += ' ';
         out += window;
      }
      at = end + 1;
   }
   return out;
}

std::string number_expression(std::string_view fragment) {
   // Digits only, so no quoting is needed beyond the quotes that make each one a string.
   const auto quoted = [](std::string_view digits) { return "\"" + std::string(digits) + "\""; };
   if (fragment.size() < kNumberWindow) return quoted(fragment) + "*";
   if (fragment.size() == kNumberWindow) return quoted(fragment);
   // Every window, not only enough to cover the digits: a row that holds them all without the
   // fragment is then rare, and the check drops few.
   std::string out;
   for (std::size_t from = 0; from + kNumberWindow <= fragment.size(); ++from)
      out += (out.empty() ? "" : " AND ") + quoted(fragment.substr(from, kNumberWindow));
   return out;
}

bool number_needs_check(std::string_view fragment) { return fragment.size() > kNumberWindow; }

}  // namespace portier::directory
