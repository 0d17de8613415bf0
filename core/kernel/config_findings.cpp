// SPDX-License-Identifier: GPL-3.0-or-later
#include "kernel/config_findings.h"

#include <algorithm>
#include <tuple>

namespace portier::kernel {

namespace {
constexpr std::size_t kMaxQuoted = 64;
}

std::string ConfigError::to_string() const {
   return where.file + ":" + std::to_string(where.line) + ":" + std::to_string(where.column) +
          ": " + message;
}

Position Findings::at(const YAML::Mark &mark) const {
   // yaml-cpp counts from 0 and uses -1 for "no mark"; we count from 1 and use 0.
   if (mark.is_null() || mark.line < 0 || mark.column < 0) return Position{file, 0, 0};
   return Position{file, mark.line + 1, mark.column + 1};
}

void Findings::add(const YAML::Mark &mark, std::string message) {
   errors.push_back(ConfigError{at(mark), std::move(message)});
}

void Findings::add(Position where, std::string message) {
   errors.push_back(ConfigError{std::move(where), std::move(message)});
}

PathFindings::~PathFindings() {
   for (ConfigError &error : local_.errors) outer_.add(error.where, path_ + ": " + error.message);
}

YAML::Mark value_mark(const YAML::Node &key, const YAML::Node &value) {
   return value.IsNull() ? key.Mark() : value.Mark();
}

std::string printable(std::string_view text) {
   std::string out;
   for (const char c : text.substr(0, kMaxQuoted)) {
      const auto u = static_cast<unsigned char>(c);
      out.push_back(u < 0x20 || u == 0x7f ? '?' : c);
   }
   if (text.size() > kMaxQuoted) out += "...";
   return out;
}

std::string describe(const YAML::Node &node) {
   switch (node.Type()) {
      case YAML::NodeType::Sequence: return "a list";
      case YAML::NodeType::Map: return "a mapping";
      case YAML::NodeType::Scalar:
         return "'" + printable(node.Scalar()) + "'" + (node.Tag() == "?" ? "" : " in quotes");
      default: return "nothing";
   }
}

void finish(std::vector<ConfigError> &errors) {
   const auto key = [](const ConfigError &e) {
      return std::tie(e.where.line, e.where.column, e.message);
   };
   std::stable_sort(errors.begin(), errors.end(), [&](const ConfigError &a, const ConfigError &b) {
      return std::tie(a.where.line, a.where.column) < std::tie(b.where.line, b.where.column);
   });
   errors.erase(std::unique(errors.begin(), errors.end(),
                            [&](const ConfigError &a, const ConfigError &b) {
                               return key(a) == key(b) && a.where.file == b.where.file;
                            }),
                errors.end());
}

}  // namespace portier::kernel
