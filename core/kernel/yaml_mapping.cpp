// SPDX-License-Identifier: GPL-3.0-or-later
#include "kernel/yaml_mapping.h"

#include <algorithm>
#include <map>

#include "kernel/did_you_mean.h"

namespace portier::kernel {

namespace {

std::vector<YamlEntry> read_pairs(const YAML::Node &mapping,
                                  const std::span<const std::string_view> *known,
                                  Findings &findings) {
   std::vector<YamlEntry> entries;
   std::map<std::string, int, std::less<>> first_line;
   for (auto it = mapping.begin(); it != mapping.end(); ++it) {
      const YAML::Node key = it->first;
      const YAML::Node value = it->second;
      if (!key.IsScalar()) {
         findings.add(key.Mark(), "a key must be a name, not " + describe(key));
         continue;
      }
      const std::string &name = key.Scalar();
      const auto [seen, inserted] = first_line.try_emplace(name, findings.at(key.Mark()).line);
      if (!inserted) {
         findings.add(key.Mark(), "duplicate key '" + printable(name) + "' (first at line " +
                                     std::to_string(seen->second) + ")");
         continue;
      }
      if (known && std::find(known->begin(), known->end(), name) == known->end()) {
         findings.add(key.Mark(), unknown_key_message(name, *known));
         continue;
      }
      entries.push_back(YamlEntry{name, key, value});
   }
   return entries;
}

}  // namespace

std::vector<YamlEntry> read_mapping(const YAML::Node &mapping,
                                    std::span<const std::string_view> known, Findings &findings) {
   return read_pairs(mapping, &known, findings);
}

std::vector<YamlEntry> read_any_mapping(const YAML::Node &mapping, Findings &findings) {
   return read_pairs(mapping, nullptr, findings);
}

const YamlEntry *find_entry(const std::vector<YamlEntry> &entries, std::string_view key) {
   const auto it = std::find_if(entries.begin(), entries.end(),
                                [&](const YamlEntry &e) { return e.key == key; });
   return it == entries.end() ? nullptr : &*it;
}

}  // namespace portier::kernel
