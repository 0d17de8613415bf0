// SPDX-License-Identifier: GPL-3.0-or-later
// The `directory` section: the phone book's database, its sources (a directory plugin, a tenant,
// a schedule) and de-duplication. Every message starts with the key path it is about
// ("directory.sources[1].schedule.every: ..."), so an administrator finds it in a long file.
#include <algorithm>
#include <array>

#include "engine/model/engine_data.h"
#include "kernel/config_sections.h"
#include "kernel/config_values.h"

namespace portier::kernel {

namespace {

constexpr std::array<std::string_view, 4> kDirectoryKeys = {"database", "sources", "dedupe", "ready_timeout"};
constexpr std::array<std::string_view, 3> kSourceKeys = {"plugin", "tenant", "schedule"};
constexpr std::array<std::string_view, 2> kScheduleKeys = {"every", "daily"};
constexpr std::array<std::string_view, 2> kDedupeKeys = {"keys", "prefer"};
constexpr std::array<std::string_view, 2> kDedupeKeyNames = {"email", "extension"};
constexpr std::int64_t kMinEvery_s = 60;
constexpr std::int64_t kMaxEvery_s = 7 * 86400;
constexpr std::int64_t kMinTimeout_s = 10;
constexpr std::int64_t kMaxTimeout_s = 86400;
constexpr std::size_t kMaxSources = 64;

// "02:30" -> 150.
std::optional<int> parse_clock(std::string_view text) {
   if (text.size() != 5 || text[2] != ':') return std::nullopt;
   const auto digit = [&](std::size_t i) { return text[i] >= '0' && text[i] <= '9' ? text[i] - '0' : -1; };
   const int h1 = digit(0), h2 = digit(1), m1 = digit(3), m2 = digit(4);
   if (h1 < 0 || h2 < 0 || m1 < 0 || m2 < 0) return std::nullopt;
   const int hours = h1 * 10 + h2, minutes = m1 * 10 + m2;
   if (hours > 23 || minutes > 59) return std::nullopt;
   return hours * 60 + minutes;
}

void read_schedule(const YamlEntry &entry, const std::string &path, DirectorySchedule &schedule, Findings &outer) {
   PathFindings findings(outer, path);
   const YAML::Node &value = entry.value;
   if (value.IsScalar() && value.Scalar() == "manual") {
      schedule.text = "manual";
      return;
   }
   if (!value.IsMap()) {
      findings.add(value_mark(entry.key_node, value),
                   "must be manual, {every: 15m} or {daily: \"02:30\"}, got " + describe(value));
      return;
   }
   const std::vector<YamlEntry> entries = read_mapping(value, kScheduleKeys, findings.local());
   if (entries.size() != 1) {
      if (entries.size() > 1) findings.add(value.Mark(), "give either 'every' or 'daily', not both");
      else if (value.size() == 0) findings.add(value.Mark(), "give 'every' or 'daily'");
      return;
   }
   const YamlEntry &only = entries.front();
   PathFindings inner(outer, path + "." + only.key);
   if (only.key == "every") {
      if (const auto seconds = read_duration(only, kMinEvery_s, kMaxEvery_s, "1m to 7d", inner.local())) {
         schedule.kind = DirectorySchedule::Kind::every;
         schedule.every_s = *seconds;
         schedule.text = "every " + only.value.Scalar();
      }
      return;
   }
   const auto text = read_string(only, inner.local());
   if (!text) return;
   const auto minute = parse_clock(*text);
   if (!minute) {
      inner.add(only.value.Mark(), "'" + printable(*text) + "' is not a local time HH:MM such as \"02:30\"");
      return;
   }
   schedule.kind = DirectorySchedule::Kind::daily;
   schedule.daily_minute = *minute;
   schedule.text = "daily " + *text;
}

void read_source(const YAML::Node &item, std::size_t index, const Config &config, DirectoryConfig &directory,
                 Findings &outer) {
   const std::string path = "directory.sources[" + std::to_string(index) + "]";
   DirectorySourceConfig source;
   source.path = path;
   source.file = outer.file;
   const Position entry_at = outer.at(item.Mark());
   source.line = entry_at.line;
   source.column = entry_at.column;
   source.schedule.text = "manual";
   std::vector<YamlEntry> entries;
   {
      PathFindings findings(outer, path);
      entries = read_mapping(item, kSourceKeys, findings.local());
      if (!find_entry(entries, "plugin")) findings.add(item.Mark(), "needs 'plugin', the id of a directory or pbx plugin");
   }
   bool usable = find_entry(entries, "plugin") != nullptr;
   for (const YamlEntry &entry : entries) {
      const std::string key_path = path + "." + entry.key;
      if (entry.key == "schedule") {
         read_schedule(entry, key_path, source.schedule, outer);
         continue;
      }
      PathFindings findings(outer, key_path);
      const auto text = read_string(entry, findings.local());
      if (!text) {
         usable = false;
         continue;
      }
      if (entry.key == "plugin") {
         source.plugin = *text;
         // the kernel's kind check (directory_source_kind.cpp) points at the value, as the others here
         const Position value_at = outer.at(entry.value.Mark());
         source.line = value_at.line;
         source.column = value_at.column;
         if (!expect_enabled_plugin(entry, config, *text, findings.local())) usable = false;
         for (const DirectorySourceConfig &other : directory.sources) {
            if (other.plugin == *text) {
               findings.add(entry.value.Mark(), "'" + printable(*text) + "' is already the plugin of " + other.path);
               usable = false;
            }
         }
      } else {  // tenant
         if (*text != "*" && !engine::find_tenant(config.engine, *text)) {
            findings.add(entry.value.Mark(), "'" + printable(*text) + "' is not a configured tenant (or \"*\" for every tenant)");
            usable = false;
         }
         source.tenant = *text;
      }
   }
   if (usable) directory.sources.push_back(std::move(source));
}

void read_dedupe(const YamlEntry &entry, DirectoryConfig &directory, Findings &outer) {
   {
      PathFindings findings(outer, "directory.dedupe");
      if (!expect_mapping(entry, findings.local()) || !entry.value.IsMap()) return;
   }
   std::vector<YamlEntry> entries;
   {
      PathFindings findings(outer, "directory.dedupe");
      entries = read_mapping(entry.value, kDedupeKeys, findings.local());
   }
   for (const YamlEntry &list : entries) {
      const std::string path = "directory.dedupe." + list.key;
      PathFindings findings(outer, path);
      if (!expect_list(list, findings.local()) || !list.value.IsSequence()) continue;
      for (std::size_t i = 0; i < list.value.size(); ++i) {
         const YAML::Node item = list.value[i];
         const YamlEntry item_entry{list.key, list.key_node, item};
         PathFindings at(outer, path + "[" + std::to_string(i) + "]");
         const auto text = read_string(item_entry, at.local());
         if (!text) continue;
         if (list.key == "keys") {
            if (std::find(kDedupeKeyNames.begin(), kDedupeKeyNames.end(), *text) == kDedupeKeyNames.end()) {
               at.add(item.Mark(), "'" + printable(*text) + "' is not a key; expected email or extension");
               continue;
            }
            if (std::find(directory.dedupe_keys.begin(), directory.dedupe_keys.end(), *text) == directory.dedupe_keys.end())
               directory.dedupe_keys.push_back(*text);
         } else {
            directory.prefer.push_back(*text);
         }
      }
   }
}

std::string canonical_of(const DirectoryConfig &d) {
   std::string out = d.database.string() + "|" + std::to_string(d.ready_timeout_s);
   for (const DirectorySourceConfig &s : d.sources) out += "|" + s.plugin + "," + s.tenant + "," + s.schedule.text;
   out += "|keys";
   for (const std::string &k : d.dedupe_keys) out += "," + k;
   out += "|prefer";
   for (const std::string &p : d.prefer) out += "," + p;
   return out;
}

}  // namespace

void read_directory(const YamlEntry *section, Config &config, Findings &findings) {
   DirectoryConfig &directory = config.directory;
   const std::filesystem::path store_dir = config.store.path.parent_path();
   directory.database = store_dir / "directory.db";
   if (section && !(section->value.IsNull() || (section->value.IsMap() && section->value.size() == 0))) {
      directory.configured = true;
      std::vector<YamlEntry> entries;
      {
         PathFindings outer(findings, "directory");
         if (!expect_mapping(*section, outer.local()) || !section->value.IsMap()) return;
         entries = read_mapping(section->value, kDirectoryKeys, outer.local());
      }
      for (const YamlEntry &entry : entries) {
         const std::string path = "directory." + entry.key;
         if (entry.key == "database") {
            PathFindings at(findings, path);
            if (const auto text = read_string(entry, at.local())) {
               if (text->empty()) at.add(entry.value.Mark(), "must not be empty");
               else directory.database = resolve_path(store_dir, *text);
            }
         } else if (entry.key == "ready_timeout") {
            PathFindings at(findings, path);
            if (const auto s = read_duration(entry, kMinTimeout_s, kMaxTimeout_s, "10s to 1d", at.local())) directory.ready_timeout_s = *s;
         } else if (entry.key == "dedupe") {
            read_dedupe(entry, directory, findings);
         } else {  // sources
            {
               PathFindings at(findings, path);
               if (!expect_list(entry, at.local()) || !entry.value.IsSequence()) continue;
               if (entry.value.size() > kMaxSources)
                  at.add(entry.value.Mark(), "at most " + std::to_string(kMaxSources) + " sources");
            }
            for (std::size_t i = 0; i < entry.value.size() && i < kMaxSources; ++i) {
               const YAML::Node item = entry.value[i];
               if (!item.IsMap()) {
                  PathFindings at(findings, path + "[" + std::to_string(i) + "]");
                  at.add(item.Mark(), "must be a mapping {plugin, tenant, schedule}, got " + describe(item));
                  continue;
               }
               read_source(item, i, config, directory, findings);
            }
         }
      }
   }
   directory.canonical = canonical_of(directory);
}

}  // namespace portier::kernel
