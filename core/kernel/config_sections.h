// SPDX-License-Identifier: GPL-3.0-or-later
// One reader per top-level section; each fills its part of Config and reports into Findings.
#pragma once

#include "kernel/config.h"
#include "kernel/config_findings.h"
#include "kernel/yaml_mapping.h"

namespace portier::kernel {

// The longest path a Unix socket address holds (sun_path is 108 bytes with the terminator).
inline constexpr std::size_t kMaxSocketPath = 107;
// Bigger than any sane configuration, small enough to refuse a wrong file quickly.
inline constexpr std::uintmax_t kMaxConfigBytes = 4 * 1024 * 1024;

void read_system(const YamlEntry *section, Config &config, Findings &findings);
void read_store(const YamlEntry *section, Config &config, Findings &findings);
void read_plugins(const YamlEntry *section, Config &config, Findings &findings);
// A plugin entry's `secrets` mapping: name -> {env: VARIABLE} or {file: PATH}.
void read_secrets(const YamlEntry &entry, const std::filesystem::path &base_dir, PluginEntry &plugin,
                  Findings &findings);
// The engine's sections (tenants, ddi, variants, announcements, number_ranges), read and
// cross-checked together into config.engine.
void read_engine_sections(const std::vector<YamlEntry> &sections, Config &config, Findings &findings);
// True when `id` is an enabled instance of plugins.load (read before); else a finding at
// `entry`'s value ("'id' is not an enabled plugin of plugins.load"). For the sections that name
// a plugin (directory.sources[].plugin, presence.plugin).
bool expect_enabled_plugin(const YamlEntry &entry, const Config &config, const std::string &id, Findings &findings);
// The `directory` section (config_directory.cpp). Needs the store, tenants and plugins already read.
void read_directory(const YamlEntry *section, Config &config, Findings &findings);
// The `presence` section (config_presence.cpp). Needs the tenants and plugins already read.
void read_presence(const YamlEntry *section, Config &config, Findings &findings);
// Sections this version knows by name but has no settings for yet.
void read_reserved(const YamlEntry &section, Findings &findings);

}  // namespace portier::kernel
