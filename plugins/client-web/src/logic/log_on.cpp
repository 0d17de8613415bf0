// SPDX-License-Identifier: GPL-3.0-or-later
#include "log_on.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "json_text.h"

#include "json_depth.h"

namespace portier::web {
namespace {

using nlohmann::json;


json account_json(const Account &a) {
   return json{{"tenant", a.tenant}, {"user", a.user}, {"role", std::string(role_name(a.role))}};
}

}  // namespace

std::variant<LogOnRequest, Invalid> read_log_on_body(std::string_view body) {
   if (body.size() > kMaxLogOnBodyBytes) {
      return Invalid{"the log-on body exceeds " + std::to_string(kMaxLogOnBodyBytes) + " bytes"};
   }
   if (!nesting_within(body, 4)) return Invalid{"the log-on body nests too deep"};
   const json j = json::parse(body, nullptr, false);
   if (j.is_discarded() || !j.is_object()) {
      return Invalid{"the body must be a JSON object {\"tenant\", \"user\", \"password\"}"};
   }
   for (const auto &item : j.items()) {
      if (item.key() != "tenant" && item.key() != "user" && item.key() != "password") {
         return Invalid{"unknown field '" + item.key().substr(0, 64) + "' (fields: tenant, user, password)"};
      }
   }
   LogOnRequest r;
   const struct {
      const char *name;
      std::string *out;
      std::size_t max;
   } fields[] = {{"tenant", &r.tenant, kMaxNameChars}, {"user", &r.user, kMaxNameChars},
                 {"password", &r.password, kMaxPasswordChars}};
   for (const auto &f : fields) {
      const auto it = j.find(f.name);
      if (it == j.end()) return Invalid{std::string("'") + f.name + "' is required"};
      if (!it->is_string()) return Invalid{std::string("'") + f.name + "' must be a string"};
      *f.out = it->get<std::string>();
      if (f.out->empty() || f.out->size() > f.max) {
         return Invalid{std::string("'") + f.name + "' must be 1.." + std::to_string(f.max) + " characters"};
      }
   }
   return r;
}

std::string authenticate_command(const LogOnRequest &r, std::string_view remote) {
   return json_text(json{{"type", "authenticate"}, {"tenant", r.tenant}, {"user", r.user}, {"password", r.password},
                    {"remote", remote}});
}

std::variant<Account, LogOnRefused> read_authenticate_answer(std::string_view answer) {
   const json j = json::parse(answer, nullptr, false);
   if (j.is_discarded() || !j.is_object()) return LogOnRefused{"unavailable", "the core's answer is not JSON", 0};
   const auto ok = j.find("ok");
   if (ok != j.end() && ok->is_boolean() && ok->get<bool>()) {
      const auto acc = j.find("account");
      if (acc != j.end() && acc->is_object() && acc->value("tenant", json()).is_string() &&
          acc->value("user", json()).is_string() && acc->value("role", json()).is_string()) {
         const auto role = role_from_name(acc->at("role").get<std::string>());
         if (role) return Account{acc->at("tenant").get<std::string>(), acc->at("user").get<std::string>(), *role};
      }
      return LogOnRefused{"unavailable", "the core's answer names no account", 0};
   }
   LogOnRefused out{"unavailable", "log-on failed", 0};
   if (auto e = j.find("error"); e != j.end() && e->is_string()) out.error = e->get<std::string>();
   if (auto m = j.find("message"); m != j.end() && m->is_string()) out.message = m->get<std::string>();
   if (auto r = j.find("retry_after_ms"); r != j.end() && r->is_number_integer()) {
      out.retry_after_ms = std::max<std::int64_t>(0, r->get<std::int64_t>());
   }
   return out;
}

std::string_view end_reason_name(EndReason reason) {
   switch (reason) {
   case EndReason::log_off: return "log_off";
   case EndReason::expired: return "expired";
   case EndReason::closed: return "closed";
   }
   return "closed";
}

std::string session_ended_command(const Account &a, std::string_view remote, EndReason reason) {
   return json_text(json{{"type", "session_ended"}, {"tenant", a.tenant}, {"user", a.user}, {"remote", remote},
                    {"reason", end_reason_name(reason)}});
}

std::string session_json(const Account &a, std::string_view csrf) {
   return json_text(json{{"ok", true}, {"account", account_json(a)}, {"csrf", csrf}});
}

std::string refusal_json(std::string_view error, std::string_view message, std::int64_t retry_after_ms) {
   json j{{"ok", false}, {"error", error}, {"message", message}};
   if (retry_after_ms > 0) j["retry_after_ms"] = retry_after_ms;
   return json_text(j);
}

unsigned log_on_status(std::string_view error) {
   if (error == "denied") return 401;
   if (error == "locked") return 429;
   if (error == "invalid") return 400;
   return 503;
}

std::int64_t retry_after_seconds(std::int64_t ms) { return std::max<std::int64_t>(1, (ms + 999) / 1000); }

}  // namespace portier::web
