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

std::string number_expression(std::string_view fragment, const WindowRows &rows_of) {
   // Digits only, so no quoting is needed beyond the quotes that make each one a string.
   const auto quoted = [](std::string_view digits) { return "\"" + std::string(digits) + "\""; };
   if (fragment.size() < kNumberWindow) return quoted(fragment) + "*";
   if (fragment.size() == kNumberWindow) return quoted(fragment);
   struct Window {
      std::size_t from;
      std::size_t rows;
   };
   std::vector<Window> windows;
   for (std::size_t from = 0; from + kNumberWindow <= fragment.size(); ++from)
      windows.push_back({from, rows_of ? rows_of(fragment.substr(from, kNumberWindow)) : 0});
   if (rows_of) {
      // Rarest first; among equals the later window, as the end of a typed number varies most.
      std::sort(windows.begin(), windows.end(),
                [](const Window &a, const Window &b) { return a.rows != b.rows ? a.rows < b.rows : a.from > b.from; });
      std::size_t kept = 1;
      while (kept < windows.size() && kept < kPlannedWindows && windows[kept].rows < kCommonWindowRows) ++kept;
      windows.resize(kept);
   }
   std::string out;
   for (const Window &window : windows)
      out += (out.empty() ? "" : " AND ") + quoted(fragment.substr(window.from, kNumberWindow));
   return out;
}

bool number_needs_check(std::string_view fragment) { return fragment.size() > kNumberWindow; }

}  // namespace portier::directory
