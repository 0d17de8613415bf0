// SPDX-License-Identifier: GPL-3.0-or-later
// An account: who may administer or attend. The system manager looks after system-wide data,
// a tenant manager after its tenant's, attendants answer its calls. An account is named
// TENANT\user; its password is only ever a hash or a reference to where a hash lives.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

namespace portier::engine {

enum class AccountRole { system_manager, tenant_manager, attendant };

inline constexpr std::array<std::string_view, 3> kAccountRoleNames = {"system_manager", "tenant_manager",
                                                                      "attendant"};

inline constexpr std::string_view account_role_name(AccountRole role) {
   return kAccountRoleNames[static_cast<std::size_t>(role)];
}

// Never a clear-text password: an argon2id hash in PHC form, or where one is read from.
enum class PasswordKind { none, argon2id, env, file };

inline constexpr std::array<std::string_view, 4> kPasswordKindNames = {"none", "argon2id", "env", "file"};

struct AccountPassword {
   PasswordKind kind = PasswordKind::none;
   std::string value;  // the hash, the environment variable's name, or the absolute file path
};

// What portierd creates for a tenant whose file names no such account: a tenant manager
// `manager` and an attendant `user`, and the system manager `admin` in DEFAULT. They have no
// password, so they are disabled until the file gives them one.
inline constexpr std::string_view kCreatedManager = "manager";
inline constexpr std::string_view kCreatedUser = "user";
inline constexpr std::string_view kCreatedSystemManager = "admin";

struct Account {
   std::string tenant;
   std::string user;
   AccountRole role = AccountRole::attendant;
   AccountPassword password;
   bool enabled = true;   // false when the file says so, or when there is no password
   bool created = false;  // made by portierd, not written in the file

   std::string full_name() const { return tenant + "\\" + user; }
};

}  // namespace portier::engine
