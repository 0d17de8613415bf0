// SPDX-License-Identifier: GPL-3.0-or-later
#include <string>
#include <vector>

#include "engine/api/client_api.h"

namespace portier::engine {
namespace {

using nlohmann::json;

// A command's fields, read with the first problem remembered so the answer can name it.
struct Fields {
   const json &request;
   std::string problem;

   std::string text(const char *name, bool required) {
      const auto it = request.find(name);
      if (it == request.end() || it->is_null()) {
         if (required && problem.empty()) problem = std::string("'") + name + "' is required";
         return {};
      }
      if (!it->is_string()) {
         if (problem.empty()) problem = std::string("'") + name + "' must be a string";
         return {};
      }
      return it->get<std::string>();
   }

   bool flag(const char *name, bool fallback) {
      const auto it = request.find(name);
      if (it == request.end() || it->is_null()) return fallback;
      if (!it->is_boolean()) {
         if (problem.empty()) problem = std::string("'") + name + "' must be true or false";
         return fallback;
      }
      return it->get<bool>();
   }

   std::vector<std::string> texts(const char *name) {
      std::vector<std::string> out;
      const auto it = request.find(name);
      if (it == request.end() || it->is_null()) return out;
      if (!it->is_array()) {
         if (problem.empty()) problem = std::string("'") + name + "' must be a list of strings";
         return out;
      }
      for (std::size_t i = 0; i < it->size(); ++i) {
         const json &item = (*it)[i];
         if (!item.is_string()) {
            if (problem.empty()) problem = std::string("'") + name + "'[" + std::to_string(i) + "] must be a string";
            return {};
         }
         out.push_back(item.get<std::string>());
      }
      return out;
   }
};

json answer(Outcome outcome, const std::string &subject) {
   json out{{"type", "answer"}, {"ok", outcome == Outcome::ok}};
   if (outcome != Outcome::ok) {
      out["error"] = std::string(outcome_name(outcome));
      out["message"] = std::string(outcome_name(outcome)) + (subject.empty() ? "" : ": " + subject);
   }
   return out;
}

json invalid(const std::string &message) {
   return json{{"type", "answer"}, {"ok", false}, {"error", "invalid"}, {"message", message}};
}

}  // namespace

std::string_view outcome_name(Outcome outcome) {
   switch (outcome) {
   case Outcome::ok: return "ok";
   case Outcome::invalid: return "invalid";
   case Outcome::unknown_attendant: return "unknown_attendant";
   case Outcome::already_logged_on: return "already_logged_on";
   case Outcome::line_in_use: return "line_in_use";
   case Outcome::unknown_call: return "unknown_call";
   case Outcome::not_waiting: return "not_waiting";
   case Outcome::wrong_mode: return "wrong_mode";
   case Outcome::not_assigned: return "not_assigned";
   case Outcome::attendant_busy: return "attendant_busy";
   case Outcome::not_connected: return "not_connected";
   case Outcome::not_processing: return "not_processing";
   case Outcome::no_callback_number: return "no_callback_number";
   case Outcome::unknown_tenant: return "unknown_tenant";
   case Outcome::unsupported: return "unsupported";
   }
   return "unknown";
}

json handle_client_command(Engine &engine, const json &request, std::int64_t now_ms,
                           const StatisticsHandler &statistics) {
   if (!request.is_object()) return invalid("a command is a JSON object");
   const auto type_it = request.find("type");
   if (type_it == request.end() || !type_it->is_string()) return invalid("a command needs a string 'type'");
   const std::string type = type_it->get<std::string>();
   Fields f{request, {}};
   if (type == "log_on") {
      LogOn logon;
      logon.attendant = f.text("attendant", true);
      const std::string tenant = f.text("tenant", false);
      if (!tenant.empty()) logon.tenant = tenant;
      logon.device = f.text("device", true);
      logon.personal_line = f.text("personal_line", false);
      logon.pilots = f.texts("pilots");
      logon.available = f.flag("available", false);
      logon.greeting = f.text("greeting", false);
      if (!f.problem.empty()) return invalid("log_on: " + f.problem);
      return answer(engine.log_on(logon), logon.attendant);
   }
   if (type == "log_off") {
      const std::string attendant = f.text("attendant", true);
      if (!f.problem.empty()) return invalid("log_off: " + f.problem);
      return answer(engine.log_off(attendant), attendant);
   }
   if (type == "set_available") {
      const std::string attendant = f.text("attendant", true);
      const bool available = f.flag("available", true);
      if (!f.problem.empty()) return invalid("set_available: " + f.problem);
      return answer(engine.set_available(attendant, available), attendant);
   }
   if (type == "pick") {
      const std::string attendant = f.text("attendant", true);
      const std::string call = f.text("call_id", true);
      if (!f.problem.empty()) return invalid("pick: " + f.problem);
      return answer(engine.pick(attendant, call), call);
   }
   // The processing queue: every command names the attendant and the call, transfers a target.
   using CallAction = Outcome (Engine::*)(std::string_view, std::string_view);
   static const std::pair<const char *, CallAction> kCallActions[] = {
       {"hold", &Engine::hold},       {"retrieve", &Engine::retrieve},
       {"park", &Engine::park},       {"page", &Engine::page},
       {"hang_up", &Engine::hang_up}, {"return_to_queue", &Engine::return_to_queue}};
   for (const auto &[name, action] : kCallActions) {
      if (type != name) continue;
      const std::string attendant = f.text("attendant", true);
      const std::string call = f.text("call_id", true);
      if (!f.problem.empty()) return invalid(type + ": " + f.problem);
      return answer((engine.*action)(attendant, call), call);
   }
   if (type == "transfer" || type == "blind_transfer") {
      const std::string attendant = f.text("attendant", true);
      const std::string call = f.text("call_id", true);
      const std::string target = f.text("target", true);
      if (!f.problem.empty()) return invalid(type + ": " + f.problem);
      return answer(type == "transfer" ? engine.transfer(attendant, call, target) : engine.blind_transfer(attendant, call, target),
                    call);
   }
   if (type == "dial") {
      const std::string attendant = f.text("attendant", true);
      const std::string target = f.text("target", true);
      if (!f.problem.empty()) return invalid("dial: " + f.problem);
      return answer(engine.dial(attendant, target), target);
   }
   if (type == "statistics") {
      if (statistics) {
         json out = statistics(request);
         tag_statistics_tenants(out, engine);  // so a front end can show each tenant its own rows
         return out;
      }
      return json{{"type", "answer"}, {"ok", false}, {"error", "unavailable"}, {"message", "statistics are not kept here"}};
   }
   if (type == "snapshot") {
      json out{{"type", "answer"}, {"ok", true}};
      out["snapshot"] = snapshot_json(engine, now_ms);
      return out;
   }
   return invalid("unknown command type '" + type + "'");
}

}  // namespace portier::engine
