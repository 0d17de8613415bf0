// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/lamps_table.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <string_view>
#include <vector>

namespace portier::cli {
namespace {

constexpr std::size_t kColumns = 4;
using Row = std::array<std::string, kColumns>;

std::string member(const nlohmann::json &lamp, const char *name) {
   const auto it = lamp.find(name);
   if (it == lamp.end() || !it->is_string() || it->get_ref<const std::string &>().empty()) return "-";
   std::string text = it->get<std::string>();
   // the device names come from a PBX: a row must stay one line
   for (char &c : text) {
      const auto u = static_cast<unsigned char>(c);
      if (u < 0x20 || u == 0x7f) c = ' ';
   }
   return text;
}

std::size_t display_width(std::string_view text) {
   return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
      return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
   }));
}

Row row_of(const nlohmann::json &lamp) {
   std::string state = member(lamp, "state");
   const std::string forward_to = member(lamp, "forward_to");
   if (forward_to != "-") state += " to " + forward_to;
   return Row{member(lamp, "device"), state, member(lamp, "since"), member(lamp, "plugin")};
}

}  // namespace

std::string format_lamps_table(const nlohmann::json &lamps) {
   std::vector<Row> rows{Row{"DEVICE", "STATE", "SINCE", "PLUGIN"}};
   if (lamps.is_array()) {
      for (const auto &lamp : lamps) {
         if (lamp.is_object()) rows.push_back(row_of(lamp));
      }
   }
   if (rows.size() == 1) return "no monitored devices\n";
   std::array<std::size_t, kColumns> width{};
   for (const auto &row : rows) {
      for (std::size_t c = 0; c < kColumns; ++c) width[c] = std::max(width[c], display_width(row[c]));
   }
   std::string out;
   for (const auto &row : rows) {
      std::string line;
      for (std::size_t c = 0; c + 1 < kColumns; ++c) {
         line += row[c];
         line.append(width[c] - display_width(row[c]) + 2, ' ');
      }
      line += row[kColumns - 1];
      out += line;
      out += '\n';
   }
   return out;
}

}  // namespace portier::cli
