// SPDX-License-Identifier: GPL-3.0-or-later
#include "graph_presence.h"

#include <algorithm>
#include <cctype>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "json_fields.h"

#include <portier/kind/presence.h>

namespace portier::teams {
namespace {

std::string lower(std::string_view text) {
   std::string out(text);
   std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
   return out;
}

struct Meaning {
   std::int32_t availability;  // PORTIER_AVAILABILITY_UNKNOWN when the value says nothing about it
   std::int32_t activity;      // PORTIER_ACTIVITY_NONE when the value says nothing about it
};

// The union of both value lists, lower case.
const std::unordered_map<std::string, Meaning> &meanings() {
   static const std::unordered_map<std::string, Meaning> table = {
       {"available", {PORTIER_AVAILABILITY_AVAILABLE, PORTIER_ACTIVITY_NONE}},
       {"availableidle", {PORTIER_AVAILABILITY_AVAILABLE, PORTIER_ACTIVITY_NONE}},
       {"busy", {PORTIER_AVAILABILITY_BUSY, PORTIER_ACTIVITY_NONE}},
       {"busyidle", {PORTIER_AVAILABILITY_BUSY, PORTIER_ACTIVITY_NONE}},
       {"donotdisturb", {PORTIER_AVAILABILITY_DND, PORTIER_ACTIVITY_NONE}},
       {"berightback", {PORTIER_AVAILABILITY_AWAY, PORTIER_ACTIVITY_BE_RIGHT_BACK}},
       {"away", {PORTIER_AVAILABILITY_AWAY, PORTIER_ACTIVITY_AWAY}},
       {"offline", {PORTIER_AVAILABILITY_OFFLINE, PORTIER_ACTIVITY_NONE}},
       {"presenceunknown", {PORTIER_AVAILABILITY_UNKNOWN, PORTIER_ACTIVITY_NONE}},
       {"focusing", {PORTIER_AVAILABILITY_DND, PORTIER_ACTIVITY_FOCUSING}},
       {"inacall", {PORTIER_AVAILABILITY_BUSY, PORTIER_ACTIVITY_IN_A_CALL}},
       {"inaconferencecall", {PORTIER_AVAILABILITY_BUSY, PORTIER_ACTIVITY_IN_A_CALL}},
       {"inameeting", {PORTIER_AVAILABILITY_BUSY, PORTIER_ACTIVITY_IN_A_MEETING}},
       {"presenting", {PORTIER_AVAILABILITY_DND, PORTIER_ACTIVITY_PRESENTING}},
       {"urgentinterruptionsonly", {PORTIER_AVAILABILITY_DND, PORTIER_ACTIVITY_OTHER}},
       {"outofoffice", {PORTIER_AVAILABILITY_UNKNOWN, PORTIER_ACTIVITY_OUT_OF_OFFICE}},
       {"offwork", {PORTIER_AVAILABILITY_UNKNOWN, PORTIER_ACTIVITY_OFF_WORK}},
       {"inactive", {PORTIER_AVAILABILITY_UNKNOWN, PORTIER_ACTIVITY_OTHER}},
   };
   return table;
}

}  // namespace

PortierPresence map_presence(const GraphPresence &graph) {
   PortierPresence out;
   const auto &table = meanings();
   const auto avail = table.find(lower(graph.availability));
   if (avail != table.end()) out.availability = avail->second.availability;
   if (!graph.activity.empty()) {
      out.activity_text = graph.activity;
      const auto act = table.find(lower(graph.activity));
      if (act == table.end()) {
         out.activity = PORTIER_ACTIVITY_OTHER;
      } else {
         out.activity = act->second.activity;
         // an activity that only repeats the availability ("Available"/"Available") adds nothing
         if (out.activity == PORTIER_ACTIVITY_NONE) out.activity_text.clear();
         // the newer doc text puts e.g. inACall in availability; keep what availability said
         if (out.availability == PORTIER_AVAILABILITY_UNKNOWN && avail == table.end()) {
            out.availability = act->second.availability;
         }
      }
   }
   // an availability value that carries an activity ("BeRightBack", "inAMeeting") keeps it
   if (out.activity == PORTIER_ACTIVITY_NONE && avail != table.end() && avail->second.activity != PORTIER_ACTIVITY_NONE) {
      out.activity = avail->second.activity;
      out.activity_text = graph.availability;
   }
   if (out.activity == PORTIER_ACTIVITY_NONE && graph.out_of_office) {
      out.activity = PORTIER_ACTIVITY_OUT_OF_OFFICE;
      out.activity_text = "OutOfOffice";
   }
   out.note = graph.status_message;
   return out;
}

std::string presence_request_body(const std::vector<std::string> &ids) {
   return nlohmann::json{{"ids", ids}}.dump();
}

Result<std::vector<GraphPresence>> parse_presence_answer(std::string_view body) {
   const nlohmann::json doc = nlohmann::json::parse(body, nullptr, false);
   if (doc.is_discarded() || !doc.is_object()) return portier::error(PORTIER_ERR_INVALID, "presence answer is not a JSON object");
   const auto value = doc.find("value");
   if (value == doc.end() || !value->is_array()) {
      return portier::error(PORTIER_ERR_INVALID, "presence answer has no value array");
   }
   std::vector<GraphPresence> out;
   out.reserve(value->size());
   for (const nlohmann::json &item : *value) {
      if (!item.is_object()) continue;
      GraphPresence p;
      p.id = http::string_at(item, "id");
      if (p.id.empty()) continue;
      p.availability = http::string_at(item, "availability");
      p.activity = http::string_at(item, "activity");
      if (const auto sm = item.find("statusMessage"); sm != item.end() && sm->is_object()) {
         if (const auto msg = sm->find("message"); msg != sm->end() && msg->is_object()) {
            p.status_message = http::string_at(*msg, "content");
         }
      }
      if (const auto oof = item.find("outOfOfficeSettings"); oof != item.end() && oof->is_object()) {
         const auto flag = oof->find("isOutOfOffice");
         p.out_of_office = flag != oof->end() && flag->is_boolean() && flag->get<bool>();
      }
      out.push_back(std::move(p));
   }
   return out;
}

std::string graph_error_code(std::string_view body) {
   const nlohmann::json doc = nlohmann::json::parse(body, nullptr, false);
   if (doc.is_discarded() || !doc.is_object()) return {};
   const auto e = doc.find("error");
   if (e == doc.end()) return {};
   if (e->is_string()) return e->get<std::string>();  // the token endpoint's shape
   return e->is_object() ? http::string_at(*e, "code") : std::string();
}

}  // namespace portier::teams
