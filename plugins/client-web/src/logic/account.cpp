// SPDX-License-Identifier: GPL-3.0-or-later
#include "account.h"

namespace portier::web {

std::string_view role_name(Role role) {
   switch (role) {
   case Role::system_manager: return "system_manager";
   case Role::tenant_manager: return "tenant_manager";
   case Role::attendant: return "attendant";
   }
   return "attendant";
}

std::optional<Role> role_from_name(std::string_view name) {
   for (Role r : {Role::system_manager, Role::tenant_manager, Role::attendant}) {
      if (role_name(r) == name) return r;
   }
   return std::nullopt;
}

}  // namespace portier::web
