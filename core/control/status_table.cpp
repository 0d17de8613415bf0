// SPDX-License-Identifier: GPL-3.0-or-later
#include "control/status_table.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <string_view>

namespace portier::control {
namespace {

constexpr std::size_t kColumns = 7;
constexpr std::array<std::string_view, kColumns> kHeader{"ID",    "PLUGIN", "KIND",  "VERSION",
                                                         "STATE", "SINCE",  "REASON"};
constexpr std::string_view kGap = "  ";

using Row = std::array<std::string, kColumns>;

// Text from plugins may hold newlines or escapes; a table row must stay one line.
std::string cell(std::string_view text, std::string_view when_empty) {
   if (text.empty()) return std::string(when_empty);
   std::string out(text);
   for (char &c : out) {
      const auto u = static_cast<unsigned char>(c);
      if (u < 0x20 || u == 0x7f) c = ' ';
   }
   return out;
}

std::size_t display_width(std::string_view text) {
   // Count every byte that does not continue a UTF-8 sequence.
   return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
      return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
   }));
}

Row row_of(const kernel::PluginStatus &s) {
   return Row{cell(s.id, "-"),    cell(s.plugin, "-"), cell(s.kind, "-"), cell(s.version, "-"),
              cell(s.state, "-"), cell(s.since, "-"),  cell(s.reason, "")};
}

}  // namespace

std::string format_status_table(const std::vector<kernel::PluginStatus> &plugins) {
   std::vector<Row> rows;
   rows.reserve(plugins.size() + 1);
   Row header;
   std::copy(kHeader.begin(), kHeader.end(), header.begin());
   rows.push_back(std::move(header));
   for (const auto &p : plugins) rows.push_back(row_of(p));

   std::array<std::size_t, kColumns> width{};
   for (const auto &row : rows) {
      for (std::size_t c = 0; c + 1 < kColumns; ++c) {
         width[c] = std::max(width[c], display_width(row[c]));
      }
   }

   std::string out;
   for (const auto &row : rows) {
      std::string line;
      for (std::size_t c = 0; c + 1 < kColumns; ++c) {
         line += row[c];
         line.append(width[c] - display_width(row[c]), ' ');
         line += kGap;
      }
      line += row[kColumns - 1];
      // No trailing blanks when the reason is empty.
      line.erase(line.find_last_not_of(' ') + 1);
      out += line;
      out += '\n';
   }
   return out;
}

}  // namespace portier::control
