// SPDX-License-Identifier: GPL-3.0-or-later
#include "kernel/config_values.h"

#include <charconv>

namespace portier::kernel {

namespace {

bool is_plain(const YAML::Node &node) { return node.IsScalar() && node.Tag() == "?"; }

void wrong_type(const YamlEntry &entry, std::string_view expected, Findings &findings) {
   findings.add(value_mark(entry.key_node, entry.value),
                "'" + entry.key + "' must be " + std::string(expected) + ", got " +
                    describe(entry.value));
}

}  // namespace

std::optional<std::string> read_string(const YamlEntry &entry, Findings &findings) {
   if (!entry.value.IsScalar()) {
      wrong_type(entry, "a string", findings);
      return std::nullopt;
   }
   return entry.value.Scalar();
}

std::optional<bool> read_bool(const YamlEntry &entry, Findings &findings) {
   if (is_plain(entry.value)) {
      const std::string &text = entry.value.Scalar();
      if (text == "true" || text == "True" || text == "TRUE") return true;
      if (text == "false" || text == "False" || text == "FALSE") return false;
   }
   wrong_type(entry, "true or false", findings);
   return std::nullopt;
}

std::optional<std::int64_t> read_integer(const YamlEntry &entry, std::int64_t min,
                                         std::int64_t max, Findings &findings) {
   const std::string text = entry.value.IsScalar() ? entry.value.Scalar() : std::string();
   std::string_view digits = text;
   if (!digits.empty() && (digits.front() == '+' || digits.front() == '-')) digits.remove_prefix(1);
   const bool well_formed = is_plain(entry.value) && !digits.empty() &&
                            digits.find_first_not_of("0123456789") == std::string_view::npos;
   if (!well_formed) {
      wrong_type(entry, "an integer", findings);
      return std::nullopt;
   }
   std::int64_t value = 0;
   const char *first = text.data() + (text.front() == '+' ? 1 : 0);
   const auto [end, ec] = std::from_chars(first, text.data() + text.size(), value);
   if (ec != std::errc() || end != text.data() + text.size() || value < min || value > max) {
      findings.add(entry.value.Mark(), "'" + entry.key + "' must be between " +
                                           std::to_string(min) + " and " + std::to_string(max) +
                                           ", got " + printable(text));
      return std::nullopt;
   }
   return value;
}

std::optional<std::int64_t> parse_duration(std::string_view text) {
   constexpr std::int64_t kMaxPart_s = 70 * 86400;
   if (text.empty() || text.size() > 32) return std::nullopt;
   std::int64_t total = 0;
   const char *at = text.data();
   const char *const end = text.data() + text.size();
   while (at < end) {
      std::int64_t value = 0;
      const auto [next, error] = std::from_chars(at, end, value);
      if (error != std::errc{} || next == at || next == end || value > kMaxPart_s) return std::nullopt;
      const char unit = *next;
      const std::int64_t scale = unit == 's' ? 1 : unit == 'm' ? 60 : unit == 'h' ? 3600 : unit == 'd' ? 86400 : 0;
      if (scale == 0) return std::nullopt;
      total += value * scale;
      at = next + 1;
   }
   return total;
}

std::optional<std::int64_t> read_duration(const YamlEntry &entry, std::int64_t min_s, std::int64_t max_s,
                                          std::string_view range, Findings &findings) {
   const auto text = read_string(entry, findings);
   if (!text) return std::nullopt;
   const auto seconds = parse_duration(*text);
   if (!seconds) {
      findings.add(entry.value.Mark(),
                   "'" + printable(*text) + "' is not a duration such as 90s, 15m, 1h30m or 1d (units s m h d)");
      return std::nullopt;
   }
   if (*seconds < min_s || *seconds > max_s) {
      findings.add(entry.value.Mark(), "'" + printable(*text) + "' is outside " + std::string(range));
      return std::nullopt;
   }
   return seconds;
}

std::filesystem::path resolve_path(const std::filesystem::path &base_dir,
                                   const std::filesystem::path &path) {
   if (path.is_absolute()) return path.lexically_normal();
   return (base_dir / path).lexically_normal();
}

std::optional<std::filesystem::path> read_path(const YamlEntry &entry,
                                               const std::filesystem::path &base_dir,
                                               Findings &findings) {
   const auto text = read_string(entry, findings);
   if (!text) return std::nullopt;
   if (text->empty()) {
      findings.add(entry.value.Mark(), "'" + entry.key + "' must not be empty");
      return std::nullopt;
   }
   if (text->find('\0') != std::string::npos) {
      findings.add(entry.value.Mark(), "'" + entry.key + "' must not contain a NUL character");
      return std::nullopt;
   }
   return resolve_path(base_dir, *text);
}

bool expect_mapping(const YamlEntry &entry, Findings &findings) {
   if (entry.value.IsMap() || entry.value.IsNull()) return true;
   findings.add(value_mark(entry.key_node, entry.value), "'" + entry.key + "' must be a mapping");
   return false;
}

bool expect_list(const YamlEntry &entry, Findings &findings) {
   if (entry.value.IsSequence() || entry.value.IsNull()) return true;
   findings.add(value_mark(entry.key_node, entry.value), "'" + entry.key + "' must be a list");
   return false;
}

}  // namespace portier::kernel
