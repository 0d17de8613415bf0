// SPDX-License-Identifier: GPL-3.0-or-later
// The `system` and `store` sections, and the sections reserved for later versions.
#include <array>

#include "kernel/config_sections.h"
#include "kernel/config_values.h"

namespace portier::kernel {

namespace {

constexpr std::array<std::string_view, 4> kSystemKeys = {"name", "control_socket", "log_level",
                                                         "engine_queue"};
constexpr std::array<std::string_view, 1> kStoreKeys = {"path"};
constexpr std::array<std::string_view, 4> kLogLevels = {"debug", "info", "warning", "error"};
constexpr std::size_t kMaxNameChars = 64;
constexpr std::int64_t kMinEngineQueue = 64;
constexpr std::int64_t kMaxEngineQueue = 1048576;

std::size_t utf8_length(std::string_view text) {
   std::size_t count = 0;
   for (const char c : text) count += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
   return count;
}

void read_name(const YamlEntry &entry, SystemConfig &system, Findings &findings) {
   const auto name = read_string(entry, findings);
   if (!name) return;
   const std::size_t length = utf8_length(*name);
   if (length == 0 || length > kMaxNameChars) {
      findings.add(entry.value.Mark(), "'name' must be 1 to " + std::to_string(kMaxNameChars) +
                                           " characters long, got " + std::to_string(length));
      return;
   }
   system.name = *name;
}

void read_log_level(const YamlEntry &entry, SystemConfig &system, Findings &findings) {
   const auto level = read_string(entry, findings);
   if (!level) return;
   for (const std::string_view known : kLogLevels) {
      if (*level == known) {
         system.log_level = *level;
         return;
      }
   }
   findings.add(entry.value.Mark(), "'log_level' must be one of debug, info, warning, error, got '" +
                                        printable(*level) + "'");
}

void check_socket_length(const SystemConfig &system, const YamlEntry *entry, Findings &findings) {
   const std::size_t length = system.control_socket.native().size();
   if (length <= kMaxSocketPath) return;
   std::string message = "'control_socket' resolves to " + system.control_socket.string() +
                         ", which is " + std::to_string(length) +
                         " bytes long; a Unix socket path may be at most " +
                         std::to_string(kMaxSocketPath) + " bytes";
   if (entry) {
      findings.add(entry->value.Mark(), std::move(message));
   } else {
      findings.add(Position{findings.file, 0, 0},
                   "the default " + message + "; set system.control_socket to a shorter path");
   }
}

}  // namespace

void read_system(const YamlEntry *section, Config &config, Findings &findings) {
   SystemConfig &system = config.system;
   system.control_socket = resolve_path(config.base_dir, "var/portierd.sock");
   bool socket_given = false;
   if (section && expect_mapping(*section, findings) && section->value.IsMap()) {
      for (const YamlEntry &entry : read_mapping(section->value, kSystemKeys, findings)) {
         if (entry.key == "name") {
            read_name(entry, system, findings);
         } else if (entry.key == "control_socket") {
            socket_given = true;
            if (auto path = read_path(entry, config.base_dir, findings)) {
               system.control_socket = *path;
               check_socket_length(system, &entry, findings);
            }
         } else if (entry.key == "log_level") {
            read_log_level(entry, system, findings);
         } else if (entry.key == "engine_queue") {
            if (auto size = read_integer(entry, kMinEngineQueue, kMaxEngineQueue, findings))
               system.engine_queue = static_cast<std::uint32_t>(*size);
         }
      }
   }
   if (!socket_given) check_socket_length(system, nullptr, findings);
}

void read_store(const YamlEntry *section, Config &config, Findings &findings) {
   config.store.path = resolve_path(config.base_dir, "var/portier.db");
   if (!section || !expect_mapping(*section, findings) || !section->value.IsMap()) return;
   for (const YamlEntry &entry : read_mapping(section->value, kStoreKeys, findings)) {
      if (auto path = read_path(entry, config.base_dir, findings)) config.store.path = *path;
   }
}

void read_reserved(const YamlEntry &section, Findings &findings) {
   const YAML::Node &value = section.value;
   const bool empty = value.IsNull() || ((value.IsMap() || value.IsSequence()) && value.size() == 0);
   if (empty) return;
   findings.add(value_mark(section.key_node, value),
                "section '" + section.key + "' has no settings in this version of Portier; leave it empty");
}

}  // namespace portier::kernel
