// SPDX-License-Identifier: GPL-3.0-or-later
// The `accounts` section: who administers and who attends, each account TENANT\user with a role
// and a password that is only ever an argon2id hash or a reference to one. Every tenant gets the
// accounts the file does not give it (account.h), disabled until the file gives them a password.
#include <array>
#include <map>
#include <utility>

#include "kernel/config_engine.h"
#include "kernel/config_values.h"

namespace portier::kernel {

namespace {

constexpr std::array<std::string_view, 5> kAccountKeys = {"user", "tenant", "role", "password", "enabled"};
constexpr std::array<std::string_view, 3> kPasswordKeys = {"argon2id", "env", "file"};
constexpr std::size_t kMaxHashLength = 512;
constexpr std::size_t kMinSaltChars = 11;  // 8 bytes in unpadded base64
constexpr std::size_t kMinHashChars = 22;  // 16 bytes
constexpr std::size_t kMaxEnvName = 128;

using AccountKey = std::pair<std::string, std::string>;  // tenant, user

bool is_base64_text(std::string_view text) {
   if (text.empty()) return false;
   for (const char c : text) {
      const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
      if (!ok) return false;
   }
   return true;
}

bool is_positive_number(std::string_view text) {
   return !text.empty() && text.size() <= 10 && text.front() != '0' &&
          text.find_first_not_of("0123456789") == std::string_view::npos;
}

// $argon2id$v=19$m=65536,t=3,p=4$SALT$HASH, the form libsodium and the argon2 tool write.
bool is_argon2id_hash(std::string_view text) {
   constexpr std::string_view kPrefix = "$argon2id$v=19$";
   if (text.size() > kMaxHashLength || !text.starts_with(kPrefix)) return false;
   text.remove_prefix(kPrefix.size());
   std::array<std::string_view, 3> parts;
   for (std::size_t i = 0; i < parts.size(); ++i) {
      const std::size_t end = i + 1 < parts.size() ? text.find('$') : text.size();
      if (end == std::string_view::npos) return false;
      parts[i] = text.substr(0, end);
      text.remove_prefix(std::min(text.size(), end + 1));
   }
   const std::string_view params = parts[0];
   constexpr std::array<std::string_view, 3> kParams = {"m=", "t=", "p="};
   std::string_view rest = params;
   for (std::size_t i = 0; i < kParams.size(); ++i) {
      if (!rest.starts_with(kParams[i])) return false;
      rest.remove_prefix(2);
      const std::size_t end = i + 1 < kParams.size() ? rest.find(',') : rest.size();
      if (end == std::string_view::npos || !is_positive_number(rest.substr(0, end))) return false;
      rest.remove_prefix(std::min(rest.size(), end + 1));
   }
   return is_base64_text(parts[1]) && parts[1].size() >= kMinSaltChars && is_base64_text(parts[2]) &&
          parts[2].size() >= kMinHashChars;
}

bool is_env_name(std::string_view name) {
   if (name.empty() || name.size() > kMaxEnvName || (name.front() >= '0' && name.front() <= '9')) return false;
   for (const char c : name) {
      const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
      if (!ok) return false;
   }
   return true;
}

// Never echoes what was written: a password given in clear must not reach a terminal or a log.
std::optional<engine::AccountPassword> read_password(const YamlEntry &entry, const std::filesystem::path &base_dir,
                                                     Findings &findings) {
   if (!entry.value.IsMap()) {
      findings.add(value_mark(entry.key_node, entry.value),
                   "'password' is never written in clear: give { argon2id: '$argon2id$v=19$...' }, "
                   "{ env: VARIABLE } or { file: PATH } holding such a hash");
      return std::nullopt;
   }
   const std::vector<YamlEntry> sources = read_mapping(entry.value, kPasswordKeys, findings);
   if (sources.size() != 1) {
      findings.add(entry.key_node.Mark(), "'password' needs exactly one of 'argon2id', 'env' or 'file'");
      return std::nullopt;
   }
   const YamlEntry &source = sources.front();
   engine::AccountPassword password;
   if (source.key == "file") {
      const auto path = read_path(source, base_dir, findings);
      if (!path) return std::nullopt;
      password.kind = engine::PasswordKind::file;
      password.value = path->string();
      return password;
   }
   const auto text = read_string(source, findings);
   if (!text) return std::nullopt;
   if (source.key == "env") {
      if (!is_env_name(*text)) {
         findings.add(source.value.Mark(), "'" + printable(*text) + "' is not an environment variable name");
         return std::nullopt;
      }
      password.kind = engine::PasswordKind::env;
   } else {
      if (!is_argon2id_hash(*text)) {
         findings.add(source.value.Mark(), "'argon2id' must be an argon2id hash in PHC form "
                                           "('$argon2id$v=19$m=...,t=...,p=...$SALT$HASH'), not a password");
         return std::nullopt;
      }
      password.kind = engine::PasswordKind::argon2id;
   }
   password.value = *text;
   return password;
}

struct AccountsRead {
   std::map<AccountKey, YAML::Mark> marks;  // where each account's user name stands
};

void read_account(const YAML::Node &item, const std::filesystem::path &base_dir, engine::EngineData &data,
                  EngineReading &reading, AccountsRead &read, Findings &findings) {
   engine::Account account;
   account.tenant = std::string(engine::kDefaultTenant);
   bool enabled = true;
   const std::vector<YamlEntry> entries = read_mapping(item, kAccountKeys, findings);
   const YamlEntry *user = find_entry(entries, "user");
   const YamlEntry *role = find_entry(entries, "role");
   for (const YamlEntry &entry : entries) {
      if (entry.key == "user") {
         if (auto name = read_name_value(entry, findings)) account.user = std::move(*name);
      } else if (entry.key == "tenant") {
         if (auto name = read_reference(entry, EngineRefKind::tenant, reading, findings)) account.tenant = std::move(*name);
      } else if (entry.key == "role") {
         if (const auto index = read_choice(entry, engine::kAccountRoleNames, findings))
            account.role = static_cast<engine::AccountRole>(*index);
      } else if (entry.key == "password") {
         if (auto password = read_password(entry, base_dir, findings)) account.password = std::move(*password);
      } else if (entry.key == "enabled") {
         if (const auto value = read_bool(entry, findings)) enabled = *value;
      }
   }
   if (!user) {
      findings.add(item.Mark(), "account needs 'user'");
      return;
   }
   if (account.user.empty()) return;
   if (account.role == engine::AccountRole::system_manager && account.tenant != engine::kDefaultTenant) {
      findings.add(role->value.Mark(), "role 'system_manager' belongs to tenant DEFAULT, not to '" +
                                           account.tenant + "'");
   }
   const auto [seen, inserted] = read.marks.try_emplace(AccountKey{account.tenant, account.user}, user->value.Mark());
   if (!inserted) {
      findings.add(user->value.Mark(), "account '" + account.full_name() + "' is already defined at line " +
                                           std::to_string(findings.at(seen->second).line));
      return;
   }
   account.enabled = enabled && account.password.kind != engine::PasswordKind::none;
   data.accounts.push_back(std::move(account));
}

bool has_role(const engine::EngineData &data, std::string_view tenant, engine::AccountRole role) {
   for (const engine::Account &account : data.accounts) {
      if (account.role == role && (tenant.empty() || account.tenant == tenant)) return true;
   }
   return false;
}

// Adds `user` with `role` to `tenant`, disabled; the file has no such account and must not use
// the name for another role, or the tenant would be left without one.
void create_account(std::string_view tenant, std::string_view user, engine::AccountRole role,
                    engine::EngineData &data, const AccountsRead &read, Findings &findings) {
   if (const auto taken = read.marks.find(AccountKey{std::string(tenant), std::string(user)}); taken != read.marks.end()) {
      findings.add(taken->second, "tenant '" + std::string(tenant) + "' has no " +
                                      std::string(engine::account_role_name(role)) + " account, and '" +
                                      std::string(user) + "', the one portierd would create, is taken by another role");
      return;
   }
   engine::Account account;
   account.tenant = std::string(tenant);
   account.user = std::string(user);
   account.role = role;
   account.enabled = false;
   account.created = true;
   data.accounts.push_back(std::move(account));
}

}  // namespace

void read_accounts(const YamlEntry *section, const std::filesystem::path &base_dir, engine::EngineData &data,
                   EngineReading &reading, Findings &findings) {
   AccountsRead read;
   if (section) {
      for (const YAML::Node &item : list_of_mappings(*section, findings))
         read_account(item, base_dir, data, reading, read, findings);
   }
   if (!has_role(data, "", engine::AccountRole::system_manager)) {
      create_account(engine::kDefaultTenant, engine::kCreatedSystemManager, engine::AccountRole::system_manager,
                     data, read, findings);
   }
   for (const engine::Tenant &tenant : data.tenants) {
      if (!has_role(data, tenant.name, engine::AccountRole::tenant_manager)) {
         create_account(tenant.name, engine::kCreatedManager, engine::AccountRole::tenant_manager, data, read,
                        findings);
      }
      if (!has_role(data, tenant.name, engine::AccountRole::attendant)) {
         create_account(tenant.name, engine::kCreatedUser, engine::AccountRole::attendant, data, read, findings);
      }
   }
}

}  // namespace portier::kernel
