// SPDX-License-Identifier: GPL-3.0-or-later
// What the readers of the engine's sections (tenants, ddi, variants, announcements,
// number_ranges) share: typed values of their own, and references checked once all are read.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/model/engine_data.h"
#include "kernel/config_findings.h"
#include "kernel/yaml_mapping.h"

namespace portier::kernel {

// A name one section gives and another one uses; checked after every section is read, so the
// order of sections in the file does not matter.
enum class EngineRefKind { tenant, variant, announcement };

struct EngineRef {
   EngineRefKind kind;
   std::string id;
   YAML::Mark mark;
};

struct EngineReading {
   std::vector<EngineRef> refs;
};

// Each section's reader; `section` is nullptr when the file does not have it.
void read_announcements(const YamlEntry *section, const std::filesystem::path &base_dir,
                        engine::EngineData &data, EngineReading &reading, Findings &findings);
void read_variants(const YamlEntry *section, engine::EngineData &data, EngineReading &reading,
                   Findings &findings);
void read_tenants(const YamlEntry *section, engine::EngineData &data, EngineReading &reading,
                  Findings &findings);
void read_ddi(const YamlEntry *section, engine::EngineData &data, EngineReading &reading,
              Findings &findings);
// Needs the tenants already read: the sizing rules take their attendants and max parked.
void read_number_ranges(const YamlEntry *section, engine::EngineData &data, EngineReading &reading,
                        Findings &findings);
// The `sites` section (config_sites.cpp): names once, exactly one master.
void read_sites(const YamlEntry *section, engine::EngineData &data, Findings &findings);
// The `accounts` section (config_accounts.cpp). Needs the tenants already read: it adds the
// accounts each tenant lacks (account.h).
void read_accounts(const YamlEntry *section, const std::filesystem::path &base_dir, engine::EngineData &data,
                   EngineReading &reading, Findings &findings);
void check_references(const engine::EngineData &data, const EngineReading &reading, Findings &findings);

// The items of a list section, each a mapping; others are reported as "each entry of '<key>'".
std::vector<YAML::Node> list_of_mappings(const YamlEntry &section, Findings &findings);

// '+' and 2 to 15 digits, the first not 0.
bool is_e164(std::string_view number);
std::optional<std::string> read_e164(const YamlEntry &entry, Findings &findings);

// A name for tenants, variants and announcements: 1 to 64 of A-Z a-z 0-9 . _ -, starting with a
// letter or digit (no '\', which separates a tenant from its account names).
std::optional<std::string> read_name_value(const YamlEntry &entry, Findings &findings);

// A name that must exist elsewhere; recorded for check_references.
std::optional<std::string> read_reference(const YamlEntry &entry, EngineRefKind kind,
                                          EngineReading &reading, Findings &findings);

// One of `choices`; the index of the one given.
std::optional<std::size_t> read_choice(const YamlEntry &entry,
                                       std::span<const std::string_view> choices, Findings &findings);

// The time keys a tenant sets and a DDI entry overrides. True when `entry` was one of them.
inline constexpr std::array<std::string_view, 4> kTimeKeys = {
    "default_ring_time_ms", "default_rna_timeout_ms", "max_time_in_incoming_queue_ms",
    "max_transfer_time_ms"};
bool read_time_key(const YamlEntry &entry, engine::CallTimeOverrides &times, Findings &findings);

// `opening_hours`: {weekly: {mon: ["08:00-17:00", ...], ...}, exceptions: [{date, name, open}]}.
std::optional<engine::OpeningHours> read_opening_hours(const YamlEntry &entry, Findings &findings);

// "+498970071240..59" (the digits after '..' replace the end of the first number) or one number.
std::optional<engine::NumberRange> read_number_range(const YamlEntry &entry, Findings &findings);

}  // namespace portier::kernel
