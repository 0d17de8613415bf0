// SPDX-License-Identifier: GPL-3.0-or-later
#include "admin_answers.h"

#include <nlohmann/json.hpp>

#include "json_text.h"
#include "log_on.h"

namespace portier::web {
namespace {

using nlohmann::json;

constexpr const char *kStatisticsLists[][2] = {{"ddi", "number"}, {"personal_lines", "number"}, {"attendants", "attendant"}};

bool row_is_of(const json &row, const char *list, const char *key, const std::string &tenant,
               const RowTenant &row_tenant) {
   if (!row.is_object()) return false;
   if (const auto t = row.find("tenant"); t != row.end()) return t->is_string() && t->get<std::string>() == tenant;
   const auto k = row.find(key);
   if (!row_tenant || k == row.end() || !k->is_string()) return false;
   const auto found = row_tenant(list, k->get<std::string>());
   return found && *found == tenant;
}

void keep_tenant_rows(json &statistics, const std::string &tenant, const RowTenant &row_tenant) {
   for (const auto &[list, key] : kStatisticsLists) {
      const auto rows = statistics.find(list);
      if (rows == statistics.end() || !rows->is_array()) continue;
      json kept = json::array();
      for (json &row : *rows) {
         if (row_is_of(row, list, key, tenant, row_tenant)) kept.push_back(std::move(row));
      }
      *rows = std::move(kept);
   }
}

// The answer's fields without the envelope ("type", "request_id", "ok").
json fields_of(json answer) {
   answer.erase("type");
   answer.erase("request_id");
   answer.erase("ok");
   return answer;
}

}  // namespace

std::map<std::string, std::string, std::less<>> number_tenants(std::string_view snapshot_answer) {
   std::map<std::string, std::string, std::less<>> out;
   const json answer = json::parse(snapshot_answer, nullptr, false);
   if (answer.is_discarded() || !answer.is_object() || !answer.contains("snapshot")) return out;
   const json &s = answer["snapshot"];
   if (!s.is_object()) return out;
   const auto add = [&out](const json &number, const json &tenant) {
      if (number.is_string() && tenant.is_string() && !number.get<std::string>().empty()) {
         out.emplace(number.get<std::string>(), tenant.get<std::string>());
      }
   };
   if (const auto q = s.find("queues"); q != s.end() && q->is_array()) {
      for (const json &queue : *q) {
         if (queue.is_object()) add(queue.value("queue", json()), queue.value("tenant", json()));
      }
   }
   if (const auto a = s.find("attendants"); a != s.end() && a->is_array()) {
      for (const json &att : *a) {
         if (!att.is_object()) continue;
         const json tenant = att.value("tenant", json());
         add(att.value("personal_line", json()), tenant);
         if (const auto p = att.find("pilots"); p != att.end() && p->is_array()) {
            for (const json &pilot : *p) add(pilot, tenant);
         }
      }
   }
   return out;
}

unsigned core_error_status(std::string_view error) {
   if (error == "invalid") return 400;
   if (error == "forbidden") return 403;
   if (error == "busy" || error == "unavailable" || error == "store_failed") return 503;
   return 502;
}

AdminAnswer admin_answer(AdminEndpoint endpoint, const Account &account, std::string_view core_answer,
                         const RowTenant &row_tenant) {
   json answer = json::parse(core_answer, nullptr, false);
   if (answer.is_discarded() || !answer.is_object()) {
      return {502, refusal_json("bad_gateway", "the core's answer is not a JSON object")};
   }
   if (answer.value("ok", false) != true) {
      const std::string error = answer.value("error", std::string("refused"));
      const std::string message = answer.value("message", error);
      return {core_error_status(error), refusal_json(error, message)};
   }
   json out = fields_of(std::move(answer));
   if (endpoint == AdminEndpoint::config_reload && out.value("applied", true) == false) {
      // Refused as a whole: nothing changed; the findings say why.
      json body{{"ok", false},
                {"error", "rejected"},
                {"message", out.value("message", std::string("the configuration was refused"))},
                {"findings", out.value("findings", json::array())}};
      return {422, json_text(body)};
   }
   if (endpoint == AdminEndpoint::statistics && account.role != Role::system_manager) {
      if (const auto s = out.find("statistics"); s != out.end() && s->is_object()) {
         keep_tenant_rows(*s, account.tenant, row_tenant);
      }
   }
   if (endpoint == AdminEndpoint::audit && account.role != Role::system_manager) {
      // The core was asked for this tenant only; checked again, as the answer is what leaves.
      if (const auto e = out.find("entries"); e != out.end() && e->is_array()) {
         json kept = json::array();
         for (json &entry : *e) {
            if (entry.is_object() && entry.value("tenant", std::string()) == account.tenant) kept.push_back(std::move(entry));
         }
         *e = std::move(kept);
      }
   }
   out["ok"] = true;
   return {200, json_text(out)};
}

}  // namespace portier::web
