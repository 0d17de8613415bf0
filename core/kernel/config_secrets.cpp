// SPDX-License-Identifier: GPL-3.0-or-later
// A plugin entry's `secrets`: references to where secrets live, never the secrets themselves.
#include <array>

#include "kernel/config_sections.h"
#include "kernel/config_values.h"

namespace portier::kernel {
namespace {

constexpr std::array<std::string_view, 2> kSourceKeys = {"env", "file"};

// Names a plugin asks for: [a-z0-9_.-], 1 to 63 bytes.
bool is_valid_secret_name(std::string_view name)
{
   if (name.empty() || name.size() > 63) return false;
   for (const char c : name) {
      const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
      if (!ok) return false;
   }
   return true;
}

// POSIX portable environment names: [A-Za-z_][A-Za-z0-9_]*.
bool is_valid_env_name(std::string_view name)
{
   if (name.empty() || (name.front() >= '0' && name.front() <= '9')) return false;
   for (const char c : name) {
      const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
      if (!ok) return false;
   }
   return true;
}

}  // namespace

void read_secrets(const YamlEntry &entry, const std::filesystem::path &base_dir, PluginEntry &plugin,
                  Findings &findings)
{
   if (!expect_mapping(entry, findings) || !entry.value.IsMap()) return;
   for (const YamlEntry &secret : read_any_mapping(entry.value, findings)) {
      if (!is_valid_secret_name(secret.key)) {
         findings.add(secret.key_node.Mark(), "secret name '" + secret.key +
                                                  "' must be 1 to 63 characters of a-z, 0-9, '_', '.' and '-'");
         continue;
      }
      if (!secret.value.IsMap()) {
         findings.add(secret.key_node.Mark(), "secret '" + secret.key +
                                                  "' must be a mapping with 'env' or 'file', e.g. { env: LDAP_PASSWORD }");
         continue;
      }
      const auto sources = read_mapping(secret.value, kSourceKeys, findings);
      if (sources.size() != 1) {
         findings.add(secret.key_node.Mark(),
                      "secret '" + secret.key + "' needs exactly one of 'env' or 'file'");
         continue;
      }
      SecretRef ref;
      ref.name = secret.key;
      ref.at = findings.at(secret.key_node.Mark());
      const YamlEntry &source = sources.front();
      if (source.key == "env") {
         const auto name = read_string(source, findings);
         if (!name) continue;
         if (!is_valid_env_name(*name)) {
            findings.add(source.value.Mark(), "'" + *name + "' is not an environment variable name");
            continue;
         }
         ref.env = *name;
      } else {
         const auto path = read_path(source, base_dir, findings);
         if (!path) continue;
         ref.file = *path;
      }
      plugin.secrets.push_back(std::move(ref));
   }
}

}  // namespace portier::kernel
