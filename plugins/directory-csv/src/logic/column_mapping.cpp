// SPDX-License-Identifier: GPL-3.0-or-later
#include "column_mapping.h"

#include <charconv>
#include <functional>
#include <string_view>

#include <portier/did_you_mean.hpp>

namespace portier::csv {
namespace {

// Header names shown in a "not in the header" message when none is near; keeps it one line.
constexpr std::size_t kHeaderNamesShown = 20;

bool equal_ignoring_ascii_case(std::string_view a, std::string_view b) noexcept {
   if (a.size() != b.size()) return false;
   for (std::size_t i = 0; i < a.size(); ++i) {
      char x = a[i];
      char y = b[i];
      if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
      if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
      if (x != y) return false;
   }
   return true;
}

// Calls `find` for every mapped column and gathers the failures into one error.
using Finder = std::function<int(const std::string &column, const std::string &setting, std::string &why)>;

Result<ColumnIndex> resolve(const ColumnSpec &spec, const Finder &find) {
   ColumnIndex out;
   out.fields.fill(-1);
   std::string problems;
   const auto look = [&](const std::string &column, const std::string &setting) {
      std::string why;
      const int at = find(column, setting, why);
      if (at < 0) {
         if (!problems.empty()) problems += "; ";
         problems += why;
      }
      return at;
   };
   for (std::size_t f = 0; f < kFieldCount; ++f) {
      if (!spec.fields[f].empty()) out.fields[f] = look(spec.fields[f], std::string("columns.") + field_names()[f]);
   }
   for (std::size_t i = 0; i < spec.emails.size(); ++i) {
      const int at = look(spec.emails[i], "columns.email[" + std::to_string(i) + "]");
      if (at >= 0) out.emails.push_back(at);
   }
   for (std::size_t i = 0; i < spec.phones.size(); ++i) {
      const int at = look(spec.phones[i].column, "columns.phones[" + std::to_string(i) + "].column");
      if (at >= 0) out.phones.emplace_back(spec.phones[i].type, at);
   }
   if (!problems.empty()) return portier::error(PORTIER_ERR_INVALID, problems);
   return out;
}

}  // namespace

Result<ColumnIndex> resolve_by_header(const ColumnSpec &spec, const std::vector<std::string> &header) {
   return resolve(spec, [&header](const std::string &column, const std::string &setting, std::string &why) {
      for (std::size_t i = 0; i < header.size(); ++i) {
         if (header[i] == column) return static_cast<int>(i);
      }
      for (std::size_t i = 0; i < header.size(); ++i) {
         if (equal_ignoring_ascii_case(header[i], column)) return static_cast<int>(i);
      }
      why = "column '" + column + "' (" + setting + ") is not in the header";
      const std::string near = closest_name(column, header);
      if (!near.empty()) {
         why += " (did you mean '" + near + "'?)";
      } else {
         why += " (header: ";
         for (std::size_t i = 0; i < header.size() && i < kHeaderNamesShown; ++i) {
            if (i > 0) why += ", ";
            why += "'" + header[i] + "'";
         }
         if (header.size() > kHeaderNamesShown) why += ", ...";
         why += ")";
      }
      return -1;
   });
}

Result<ColumnIndex> resolve_by_number(const ColumnSpec &spec, std::size_t field_count) {
   return resolve(spec, [field_count](const std::string &column, const std::string &setting, std::string &why) {
      std::size_t number = 0;
      const auto [end, ec] = std::from_chars(column.data(), column.data() + column.size(), number);
      if (ec != std::errc() || end != column.data() + column.size() || number == 0) {
         why = setting + ": '" + column + "' is not a column number (the file has no header)";
         return -1;
      }
      if (number > field_count) {
         why = "column " + column + " (" + setting + ") is beyond the " + std::to_string(field_count) +
               " fields of the first row";
         return -1;
      }
      return static_cast<int>(number - 1);
   });
}

}  // namespace portier::csv
