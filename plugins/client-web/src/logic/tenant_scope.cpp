// SPDX-License-Identifier: GPL-3.0-or-later
#include "tenant_scope.h"

#include <algorithm>
#include <iterator>

#include <nlohmann/json.hpp>

#include "json_text.h"

namespace portier::web {
namespace {

using nlohmann::json;


bool sees_all(const Scope &scope) { return scope.account.role == Role::system_manager; }

std::optional<std::string> tenant_of(const json &item) {
   if (!item.is_object()) return std::nullopt;
   const auto it = item.find("tenant");
   if (it == item.end() || !it->is_string()) return std::nullopt;
   return it->get<std::string>();
}

bool is_tenant_list(std::string_view key) {
   return std::find(std::begin(kTenantLists), std::end(kTenantLists), key) != std::end(kTenantLists);
}

// Drops the items of other tenants from every list directly inside `j`, and in a list of
// kTenantLists the items of no tenant as well.
void filter_lists(json &j, const Scope &scope) {
   for (auto &[key, value] : j.items()) {
      if (!value.is_array()) continue;
      const bool fail_closed = is_tenant_list(key);
      json kept = json::array();
      for (auto &item : value) {
         const std::optional<std::string> tenant = tenant_of(item);
         if (fail_closed && !tenant) continue;
         if (visible_to(tenant, scope)) kept.push_back(std::move(item));
      }
      value = std::move(kept);
   }
}

}  // namespace

bool visible_to(const std::optional<std::string> &tenant, const Scope &scope) {
   return !tenant || sees_all(scope) || *tenant == scope.account.tenant;
}

std::optional<std::string> message_tenant(std::string_view text, const AttendantTenant &attendant_tenant) {
   const json j = json::parse(text, nullptr, false);
   if (j.is_discarded() || !j.is_object()) return std::nullopt;
   if (auto tenant = tenant_of(j)) return tenant;
   const auto attendant = j.find("attendant");
   if (attendant_tenant && attendant != j.end() && attendant->is_string()) {
      return attendant_tenant(attendant->get<std::string>());
   }
   return std::nullopt;
}

Audience event_audience(std::string_view text, const AttendantTenant &attendant_tenant) {
   const json j = json::parse(text, nullptr, false);
   if (j.is_discarded() || !j.is_object()) return Audience{};
   const auto event = j.find("event");
   if (event != j.end() && event->is_string()) {
      const std::string name = event->get<std::string>();
      for (std::string_view wide : kSystemWideEvents) {
         if (name == wide) return Audience{Audience::Kind::everyone, {}};
      }
   }
   if (auto tenant = tenant_of(j)) return Audience{Audience::Kind::tenant, std::move(*tenant)};
   const auto attendant = j.find("attendant");
   if (attendant_tenant && attendant != j.end() && attendant->is_string()) {
      if (auto tenant = attendant_tenant(attendant->get<std::string>())) {
         return Audience{Audience::Kind::tenant, std::move(*tenant)};
      }
   }
   return Audience{};
}

bool may_see(const Audience &audience, const Scope &scope) {
   switch (audience.kind) {
      case Audience::Kind::everyone: return true;
      case Audience::Kind::tenant: return sees_all(scope) || audience.tenant == scope.account.tenant;
      case Audience::Kind::system_managers: return sees_all(scope);
   }
   return false;
}

std::string scope_answer(std::string_view answer, const Scope &scope) {
   if (sees_all(scope)) return std::string(answer);
   json j = json::parse(answer, nullptr, false);
   if (j.is_discarded() || !j.is_object()) return std::string(answer);
   filter_lists(j, scope);
   for (auto &[key, value] : j.items()) {
      if (value.is_object()) filter_lists(value, scope);
   }
   return json_text(j);
}

std::variant<std::string, Forbidden> scope_command(std::string_view command, const Scope &scope,
                                                  const AttendantTenant &attendant_tenant) {
   json j = json::parse(command, nullptr, false);
   if (j.is_discarded() || !j.is_object()) return Forbidden{"a command is a JSON object"};
   const Account &me = scope.account;
   const json type = j.value("type", json());
   // Log-on and its audit rows are the plugin's own business, never a console's.
   if (type == "authenticate" || type == "session_ended") {
      return Forbidden{"'" + type.get<std::string>() + "' is not a console command"};
   }
   if (type == "audit_log" && me.role == Role::attendant) return Forbidden{"the audit log is for managers"};
   // The kernel's administration and phone-book sync commands act on the whole system.
   for (std::string_view admin : kSystemManagerCommands) {
      if (type == admin && me.role != Role::system_manager) {
         return Forbidden{"'" + std::string(admin) + "' is for system managers"};
      }
   }
   const auto tenant = j.find("tenant");
   if (tenant != j.end() && !tenant->is_null()) {
      if (!tenant->is_string()) return Forbidden{"'tenant' must be a string"};
      if (!sees_all(scope) && tenant->get<std::string>() != me.tenant) {
         return Forbidden{"your session acts in tenant '" + me.tenant + "' only"};
      }
   } else if (!sees_all(scope)) {
      j["tenant"] = me.tenant;
   }
   const auto attendant = j.find("attendant");
   const bool names_attendant = attendant != j.end() && !attendant->is_null();
   if (names_attendant && !attendant->is_string()) return Forbidden{"'attendant' must be a string"};
   if (me.role == Role::attendant) {
      if (names_attendant && attendant->get<std::string>() != me.user) {
         return Forbidden{"an attendant acts only as itself ('" + me.user + "')"};
      }
      j["attendant"] = me.user;
   } else if (me.role == Role::tenant_manager && names_attendant && attendant_tenant) {
      const auto theirs = attendant_tenant(attendant->get<std::string>());
      if (theirs && *theirs != me.tenant) {
         return Forbidden{"attendant '" + attendant->get<std::string>() + "' is not of tenant '" + me.tenant + "'"};
      }
   }
   // Forwarding changes are audited with the user who made them; a console cannot name another.
   if (type == "set_forwarding" || type == "clear_forwarding") j["by"] = me.user;
   return json_text(j);
}

}  // namespace portier::web
