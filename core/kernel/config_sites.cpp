// SPDX-License-Identifier: GPL-3.0-or-later
// The `sites` section: locations, each with one PBX connection and its routing data. Exactly one
// is the master site, where the attendants work; a single site is the master without saying so.
#include <array>
#include <map>

#include "kernel/config_engine.h"
#include "kernel/config_values.h"

namespace portier::kernel {

namespace {

constexpr std::array<std::string_view, 7> kSiteKeys = {
    "name", "master", "country_code", "area_code", "trunk_code", "max_extension_length", "access_codes"};
constexpr std::array<std::string_view, 4> kAccessCodeKeys = {"public", "national", "international", "local"};
constexpr std::int64_t kMaxExtensionLength = 15;  // E.164 has at most 15 digits

struct DigitRule {
   std::size_t min;
   std::size_t max;
};
constexpr DigitRule kCountryCode{1, 3};
constexpr DigitRule kAreaCode{0, 6};
constexpr DigitRule kTrunkCode{0, 4};
constexpr DigitRule kAccessCode{0, 4};

// Digits as text; YAML reads an unquoted 0049 as a number, so the text is taken as written.
std::optional<std::string> read_digits(const YamlEntry &entry, DigitRule rule, Findings &findings) {
   const auto text = read_string(entry, findings);
   if (!text) return std::nullopt;
   const bool digits = text->find_first_not_of("0123456789") == std::string::npos;
   if (!digits || text->size() < rule.min || text->size() > rule.max) {
      const std::string size = rule.min == rule.max ? std::to_string(rule.max)
                                                    : std::to_string(rule.min) + " to " + std::to_string(rule.max);
      findings.add(entry.value.Mark(),
                   "'" + entry.key + "' must be " + size + " digits, got '" + printable(*text) + "'");
      return std::nullopt;
   }
   return text;
}

void read_access_codes(const YamlEntry &entry, engine::AccessCodes &codes, Findings &findings) {
   if (!expect_mapping(entry, findings) || !entry.value.IsMap()) return;
   for (const YamlEntry &code : read_mapping(entry.value, kAccessCodeKeys, findings)) {
      const auto digits = read_digits(code, kAccessCode, findings);
      if (!digits) continue;
      if (code.key == "public") codes.public_code = *digits;
      else if (code.key == "national") codes.national = *digits;
      else if (code.key == "international") codes.international = *digits;
      else codes.local = *digits;
   }
}

void read_site_entry(const YamlEntry &entry, engine::Site &site, Findings &findings) {
   if (entry.key == "master") {
      if (const auto master = read_bool(entry, findings)) site.master = *master;
   } else if (entry.key == "country_code") {
      if (const auto digits = read_digits(entry, kCountryCode, findings)) {
         if (digits->front() == '0') {
            findings.add(entry.value.Mark(), "'country_code' is written without leading zeros or '+', got '" +
                                                 printable(*digits) + "'");
         } else {
            site.country_code = *digits;
         }
      }
   } else if (entry.key == "area_code") {
      if (const auto digits = read_digits(entry, kAreaCode, findings)) site.area_code = *digits;
   } else if (entry.key == "trunk_code") {
      if (const auto digits = read_digits(entry, kTrunkCode, findings)) site.trunk_code = *digits;
   } else if (entry.key == "max_extension_length") {
      if (const auto n = read_integer(entry, 1, kMaxExtensionLength, findings))
         site.max_extension_length = static_cast<std::uint32_t>(*n);
   } else if (entry.key == "access_codes") {
      read_access_codes(entry, site.access_codes, findings);
   }
}

}  // namespace

void read_sites(const YamlEntry *section, engine::EngineData &data, Findings &findings) {
   if (!section) return;
   std::map<std::string, int, std::less<>> first_line;
   std::vector<YAML::Mark> masters;
   for (const YAML::Node &item : list_of_mappings(*section, findings)) {
      engine::Site site;
      const std::vector<YamlEntry> entries = read_mapping(item, kSiteKeys, findings);
      for (const YamlEntry &entry : entries) {
         if (entry.key != "name") {
            read_site_entry(entry, site, findings);
            continue;
         }
         const auto name = read_name_value(entry, findings);
         if (!name) continue;
         const auto [seen, inserted] = first_line.try_emplace(*name, findings.at(entry.value.Mark()).line);
         if (!inserted) {
            findings.add(entry.value.Mark(),
                         "site '" + *name + "' is already defined at line " + std::to_string(seen->second));
            continue;
         }
         site.name = *name;
      }
      if (!find_entry(entries, "name")) findings.add(item.Mark(), "site needs 'name'");
      if (!find_entry(entries, "country_code")) findings.add(item.Mark(), "site needs 'country_code'");
      if (site.master) masters.push_back(find_entry(entries, "master")->value.Mark());
      if (!site.name.empty()) data.sites.push_back(std::move(site));
   }
   if (data.sites.size() == 1 && masters.empty()) {
      data.sites.front().master = true;
   } else if (!data.sites.empty() && masters.empty()) {
      findings.add(section->key_node.Mark(), "exactly one site must be 'master: true', none is");
   }
   for (std::size_t i = 1; i < masters.size(); ++i) {
      findings.add(masters[i], "exactly one site must be 'master: true'; the master is already set at line " +
                                   std::to_string(findings.at(masters.front()).line));
   }
}

}  // namespace portier::kernel
