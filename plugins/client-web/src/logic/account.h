// SPDX-License-Identifier: GPL-3.0-or-later
// Who is logged on, as the core's `authenticate` answer names it: the plugin never sees a
// password hash, only the account and its role.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace portier::web {

enum class Role { system_manager, tenant_manager, attendant };

struct Account {
   std::string tenant;
   std::string user;
   Role role = Role::attendant;
};

std::string_view role_name(Role role);
std::optional<Role> role_from_name(std::string_view name);

}  // namespace portier::web
