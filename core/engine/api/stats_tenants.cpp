// SPDX-License-Identifier: GPL-3.0-or-later
// The statistics store keys its figures by number and attendant only; the tenant is looked up
// when a front end asks, so that it can show each tenant its own rows.
#include <optional>
#include <string>

#include "engine/api/client_api.h"

namespace portier::engine {
namespace {

using nlohmann::json;

std::optional<std::string> logged_on_tenant(const Engine &engine, const std::string &attendant) {
   if (const Attendant *a = engine.find_attendant(attendant)) return a->tenant;
   return std::nullopt;
}

// The tenant of the only account named `user`; nullopt when none or several tenants have one.
std::optional<std::string> account_tenant(const EngineData &data, const std::string &user) {
   std::optional<std::string> found;
   for (const Account &account : data.accounts) {
      if (account.user != user) continue;
      if (found && *found != account.tenant) return std::nullopt;
      found = account.tenant;
   }
   return found;
}

std::optional<std::string> line_tenant(const Engine &engine, const std::string &line) {
   for (const std::string &id : engine.attendant_ids()) {
      const Attendant *a = engine.find_attendant(id);
      if (a && a->personal_line == line) return a->tenant;
   }
   return std::nullopt;
}

template <typename Lookup>
void tag_rows(json &statistics, const char *list, const char *key, Lookup lookup) {
   const auto rows = statistics.find(list);
   if (rows == statistics.end() || !rows->is_array()) return;
   for (json &row : *rows) {
      if (!row.is_object() || !row.contains(key) || !(*row.find(key)).is_string()) continue;
      if (auto tenant = lookup((*row.find(key)).get<std::string>())) row["tenant"] = *tenant;
   }
}

}  // namespace

void tag_statistics_tenants(json &answer, const Engine &engine) {
   if (!answer.is_object() || answer.value("ok", false) != true) return;
   const auto statistics = answer.find("statistics");
   if (statistics == answer.end() || !statistics->is_object()) return;
   const EngineData &data = engine.data();
   tag_rows(*statistics, "ddi", "number", [&data](const std::string &number) -> std::optional<std::string> {
      if (const DdiEntry *entry = find_ddi(data, number)) return entry->tenant;
      return std::nullopt;
   });
   tag_rows(*statistics, "personal_lines", "number",
            [&engine](const std::string &line) { return line_tenant(engine, line); });
   tag_rows(*statistics, "attendants", "attendant", [&engine, &data](const std::string &attendant) {
      if (auto tenant = logged_on_tenant(engine, attendant)) return tenant;
      return account_tenant(data, attendant);
   });
}

}  // namespace portier::engine
