// SPDX-License-Identifier: GPL-3.0-or-later
// Typed values the engine's sections share: numbers, names, references, choices, times.
#include "kernel/config_engine.h"
#include "kernel/config_values.h"

namespace portier::kernel {

namespace {

constexpr std::size_t kMaxE164Digits = 15;
constexpr std::size_t kMinE164Digits = 2;
constexpr std::size_t kMaxNameLength = 64;
// Times in milliseconds: up to a day, which bounds every timer the engine arms from them.
constexpr std::int64_t kMaxTimeMs = 86'400'000;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool is_name_char(char c) {
   return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '.' || c == '_' ||
          c == '-';
}

}  // namespace

std::vector<YAML::Node> list_of_mappings(const YamlEntry &section, Findings &findings) {
   std::vector<YAML::Node> items;
   if (!expect_list(section, findings) || !section.value.IsSequence()) return items;
   for (const YAML::Node &item : section.value) {
      if (item.IsMap()) {
         items.push_back(item);
      } else {
         findings.add(item.Mark(), "each entry of '" + section.key + "' must be a mapping, got " +
                                       describe(item));
      }
   }
   return items;
}

bool is_e164(std::string_view number) {
   if (number.size() < 1 + kMinE164Digits || number.size() > 1 + kMaxE164Digits) return false;
   if (number.front() != '+' || number[1] == '0') return false;
   for (const char c : number.substr(1)) {
      if (!is_digit(c)) return false;
   }
   return true;
}

std::optional<std::string> read_e164(const YamlEntry &entry, Findings &findings) {
   const auto text = read_string(entry, findings);
   if (!text) return std::nullopt;
   if (!is_e164(*text)) {
      findings.add(entry.value.Mark(), "'" + entry.key +
                                           "' must be an E.164 number: '+' and 2 to 15 digits, "
                                           "not starting with 0, got '" + printable(*text) + "'");
      return std::nullopt;
   }
   return text;
}

std::optional<std::string> read_name_value(const YamlEntry &entry, Findings &findings) {
   const auto text = read_string(entry, findings);
   if (!text) return std::nullopt;
   bool valid = !text->empty() && text->size() <= kMaxNameLength && text->front() != '.' &&
                text->front() != '_' && text->front() != '-';
   for (const char c : *text) valid = valid && is_name_char(c);
   if (!valid) {
      findings.add(entry.value.Mark(), "'" + entry.key + "' must be 1 to 64 characters of A-Z, a-z, "
                                                         "0-9, '.', '_' and '-', starting with a "
                                                         "letter or digit, got '" +
                                           printable(*text) + "'");
      return std::nullopt;
   }
   return text;
}

std::optional<std::string> read_reference(const YamlEntry &entry, EngineRefKind kind,
                                          EngineReading &reading, Findings &findings) {
   auto name = read_name_value(entry, findings);
   if (name) reading.refs.push_back(EngineRef{kind, *name, entry.value.Mark()});
   return name;
}

std::optional<std::size_t> read_choice(const YamlEntry &entry,
                                       std::span<const std::string_view> choices, Findings &findings) {
   const auto text = read_string(entry, findings);
   if (!text) return std::nullopt;
   for (std::size_t i = 0; i < choices.size(); ++i) {
      if (*text == choices[i]) return i;
   }
   std::string list;
   for (std::size_t i = 0; i < choices.size(); ++i) list += (i > 0 ? ", " : "") + std::string(choices[i]);
   findings.add(entry.value.Mark(),
                "'" + entry.key + "' must be one of " + list + ", got '" + printable(*text) + "'");
   return std::nullopt;
}

bool read_time_key(const YamlEntry &entry, engine::CallTimeOverrides &times, Findings &findings) {
   std::optional<std::uint32_t> *slot = nullptr;
   if (entry.key == "default_ring_time_ms") slot = &times.default_ring_time_ms;
   if (entry.key == "default_rna_timeout_ms") slot = &times.default_rna_timeout_ms;
   if (entry.key == "max_time_in_incoming_queue_ms") slot = &times.max_time_in_incoming_queue_ms;
   if (entry.key == "max_transfer_time_ms") slot = &times.max_transfer_time_ms;
   if (!slot) return false;
   if (const auto ms = read_integer(entry, 0, kMaxTimeMs, findings))
      *slot = static_cast<std::uint32_t>(*ms);
   return true;
}

}  // namespace portier::kernel
