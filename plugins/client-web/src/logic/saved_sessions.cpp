// SPDX-License-Identifier: GPL-3.0-or-later
#include "saved_sessions.h"

#include <nlohmann/json.hpp>

#include "json_text.h"

namespace portier::web {
namespace {

using nlohmann::json;
using std::chrono::milliseconds;

std::int64_t unix_ms_of(SteadyTime t, const ClockPair &now) {
   const auto wall = now.wall + std::chrono::duration_cast<std::chrono::system_clock::duration>(t - now.steady);
   return std::chrono::duration_cast<milliseconds>(wall.time_since_epoch()).count();
}

SteadyTime steady_time_of(std::int64_t ms, const ClockPair &now) {
   const std::int64_t now_ms = std::chrono::duration_cast<milliseconds>(now.wall.time_since_epoch()).count();
   return now.steady + std::chrono::duration_cast<SteadyTime::duration>(milliseconds(ms - now_ms));
}

}  // namespace

std::string session_save_command(const Session &s, SteadyTime expires, const ClockPair &now) {
   return json_text(json{{"type", "session_save"},
                         {"id_hash", s.id_hash},
                         {"tenant", s.account.tenant},
                         {"user", s.account.user},
                         {"role", role_name(s.account.role)},
                         {"csrf", s.csrf},
                         {"remote", s.remote},
                         {"created_ms", unix_ms_of(s.created, now)},
                         {"last_seen_ms", unix_ms_of(s.last_seen, now)},
                         {"expires_ms", unix_ms_of(expires, now)}});
}

std::string session_drop_command(std::string_view id_hash) {
   return json_text(json{{"type", "session_drop"}, {"id_hash", id_hash}});
}

std::string session_list_command() { return json_text(json{{"type", "session_list"}}); }

bool core_not_ready(std::string_view answer) {
   const json j = json::parse(answer, nullptr, false);
   // PORTIER_ERR_STATE from client_submit, as the hub words it; the core's own "unavailable"
   // answers (no store, ...) carry other messages and are final.
   return j.is_object() && j.value("ok", true) == false && j.value("error", std::string()) == "unavailable" &&
          j.value("message", std::string()) == "not started";
}

std::variant<std::vector<Session>, std::string> read_session_list(std::string_view answer, const ClockPair &now) {
   const json j = json::parse(answer, nullptr, false);
   if (!j.is_object()) return std::string("the answer is not a JSON object");
   if (j.value("ok", false) != true) return "refused: " + j.value("message", j.value("error", std::string("no reason")));
   const auto list = j.find("sessions");
   if (list == j.end() || !list->is_array()) return std::string("the answer has no \"sessions\" list");
   std::vector<Session> out;
   for (const json &item : *list) {
      if (!item.is_object()) continue;
      const auto role = role_from_name(item.value("role", std::string()));
      const auto created = item.find("created_ms");
      const auto seen = item.find("last_seen_ms");
      // A malformed row is skipped: its user logs on again, the others are kept.
      if (!role || created == item.end() || !created->is_number_integer() || seen == item.end() ||
          !seen->is_number_integer()) {
         continue;
      }
      Session s;
      s.id_hash = item.value("id_hash", std::string());
      s.csrf = item.value("csrf", std::string());
      s.account = Account{item.value("tenant", std::string()), item.value("user", std::string()), *role};
      s.remote = item.value("remote", std::string());
      s.created = steady_time_of(created->get<std::int64_t>(), now);
      s.last_seen = steady_time_of(seen->get<std::int64_t>(), now);
      if (s.id_hash.empty() || s.csrf.empty() || s.account.tenant.empty() || s.account.user.empty()) continue;
      out.push_back(std::move(s));
   }
   return out;
}

}  // namespace portier::web
