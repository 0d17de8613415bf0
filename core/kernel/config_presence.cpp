// SPDX-License-Identifier: GPL-3.0-or-later
// The `presence` section (docs/presence.md): the presence plugin, the tenants it serves, when a
// part goes stale, the precedence of phone state and presence, and the cap on subscribed keys.
// Every message starts with its key path ("presence.stale_after: ...").
#include <algorithm>
#include <array>

#include "engine/model/engine_data.h"
#include "kernel/config_sections.h"
#include "kernel/config_values.h"
#include "kernel/presence_config.h"

namespace portier::kernel {

namespace {

constexpr std::array<std::string_view, 5> kPresenceKeys = {"plugin", "tenants", "stale_after", "precedence",
                                                           "max_keys"};
constexpr std::int64_t kMinStale_s = 10;
constexpr std::int64_t kMaxStale_s = 7 * 86400;
constexpr std::int64_t kMaxKeys = 1000000;
constexpr std::size_t kMaxTenants = 1000;

struct RuleName {
   std::string_view name;
   PrecedenceRule rule;
};
constexpr std::array<RuleName, 5> kRules = {{{"phone_active", PrecedenceRule::phone_active},
                                             {"phone_dnd", PrecedenceRule::phone_dnd},
                                             {"presence", PrecedenceRule::presence},
                                             {"phone", PrecedenceRule::phone},
                                             {"any_stale", PrecedenceRule::any_stale}}};

void read_plugin(const YamlEntry &entry, const Config &config, PresenceConfig &presence, Findings &outer) {
   PathFindings at(outer, "presence.plugin");
   const auto text = read_string(entry, at.local());
   if (!text) return;
   if (!expect_enabled_plugin(entry, config, *text, at.local())) return;
   presence.plugin = *text;
   // the kind check (presence_plugin_kind.h) points at the value, as the other findings here
   const Position value_at = outer.at(entry.value.Mark());
   presence.line = value_at.line;
   presence.column = value_at.column;
}

void read_tenants(const YamlEntry &entry, const Config &config, PresenceConfig &presence, Findings &outer) {
   if (entry.value.IsScalar()) {
      PathFindings at(outer, "presence.tenants");
      if (entry.value.Scalar() == "*") presence.all_tenants = true;
      else at.add(entry.value.Mark(), "must be \"*\" (every tenant) or a list of tenants, got " + describe(entry.value));
      return;
   }
   {
      PathFindings at(outer, "presence.tenants");
      if (!expect_list(entry, at.local()) || !entry.value.IsSequence()) return;
      if (entry.value.size() > kMaxTenants) {
         at.add(entry.value.Mark(), "at most " + std::to_string(kMaxTenants) + " tenants");
         return;
      }
   }
   for (std::size_t i = 0; i < entry.value.size(); ++i) {
      const YamlEntry item{entry.key, entry.key_node, entry.value[i]};
      PathFindings at(outer, "presence.tenants[" + std::to_string(i) + "]");
      const auto text = read_string(item, at.local());
      if (!text) continue;
      if (*text == "*") {
         presence.all_tenants = true;
      } else if (!engine::find_tenant(config.engine, *text)) {
         at.add(item.value.Mark(), "'" + printable(*text) + "' is not a configured tenant (or \"*\" for every tenant)");
      } else if (std::find(presence.tenants.begin(), presence.tenants.end(), *text) == presence.tenants.end()) {
         presence.tenants.push_back(*text);
      }
   }
}

void read_stale_after(const YamlEntry &entry, PresenceConfig &presence, Findings &outer) {
   PathFindings at(outer, "presence.stale_after");
   if (const auto seconds = read_duration(entry, kMinStale_s, kMaxStale_s, "10s to 7d", at.local()))
      presence.stale_after_s = *seconds;
}

void read_precedence(const YamlEntry &entry, PresenceConfig &presence, Findings &outer) {
   {
      PathFindings at(outer, "presence.precedence");
      if (!expect_list(entry, at.local()) || !entry.value.IsSequence()) return;
      if (entry.value.size() == 0) {
         at.add(entry.value.Mark(), "must name at least one rule");
         return;
      }
   }
   std::vector<PrecedenceRule> rules;
   for (std::size_t i = 0; i < entry.value.size(); ++i) {
      const YamlEntry item{entry.key, entry.key_node, entry.value[i]};
      PathFindings at(outer, "presence.precedence[" + std::to_string(i) + "]");
      const auto text = read_string(item, at.local());
      if (!text) return;
      const auto known = std::find_if(kRules.begin(), kRules.end(), [&](const RuleName &r) { return r.name == *text; });
      if (known == kRules.end()) {
         at.add(item.value.Mark(), "'" + printable(*text) +
                                       "' is not a rule; expected phone_active, phone_dnd, presence, phone or any_stale");
         return;
      }
      if (std::find(rules.begin(), rules.end(), known->rule) != rules.end()) {
         at.add(item.value.Mark(), "'" + printable(*text) + "' is listed twice");
         return;
      }
      rules.push_back(known->rule);
   }
   presence.precedence = std::move(rules);
}

std::string canonical_of(const PresenceConfig &p) {
   std::string out = p.plugin + "|" + (p.all_tenants ? "*" : "");
   for (const std::string &t : p.tenants) out += "," + t;
   out += "|" + std::to_string(p.stale_after_s) + "|" + std::to_string(p.max_keys) + "|";
   for (PrecedenceRule rule : p.precedence) out += std::string(name_of(rule)) + ",";
   return out;
}

}  // namespace

const char *name_of(PrecedenceRule rule) {
   for (const RuleName &r : kRules)
      if (r.rule == rule) return r.name.data();
   return "?";
}

void read_presence(const YamlEntry *section, Config &config, Findings &findings) {
   PresenceConfig &presence = config.presence;
   presence.file = findings.file;
   if (!section || section->value.IsNull() || (section->value.IsMap() && section->value.size() == 0)) {
      presence.canonical = canonical_of(presence);
      return;
   }
   presence.configured = true;
   std::vector<YamlEntry> entries;
   {
      PathFindings at(findings, "presence");
      if (!expect_mapping(*section, at.local()) || !section->value.IsMap()) return;
      entries = read_mapping(section->value, kPresenceKeys, at.local());
      if (!find_entry(entries, "plugin")) at.add(section->value.Mark(), "needs 'plugin', the id of a presence plugin");
      if (!find_entry(entries, "tenants"))
         at.add(section->value.Mark(), "needs 'tenants', a list of tenants or \"*\" for every tenant");
   }
   for (const YamlEntry &entry : entries) {
      if (entry.key == "plugin") {
         read_plugin(entry, config, presence, findings);
      } else if (entry.key == "tenants") {
         read_tenants(entry, config, presence, findings);
      } else if (entry.key == "stale_after") {
         read_stale_after(entry, presence, findings);
      } else if (entry.key == "precedence") {
         read_precedence(entry, presence, findings);
      } else {  // max_keys
         PathFindings at(findings, "presence.max_keys");
         if (const auto n = read_integer(entry, 1, kMaxKeys, at.local())) presence.max_keys = static_cast<std::size_t>(*n);
      }
   }
   presence.canonical = canonical_of(presence);
}

}  // namespace portier::kernel
