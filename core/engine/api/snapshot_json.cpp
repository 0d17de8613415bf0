// SPDX-License-Identifier: GPL-3.0-or-later
#include <map>
#include <set>

#include "engine/api/client_api.h"
#include "engine/runtime/overload.h"

namespace portier::engine {

nlohmann::json snapshot_json(const Engine &engine, std::int64_t now_ms) {
   nlohmann::json calls = nlohmann::json::array();
   std::map<std::pair<std::string, bool>, std::string> queues;  // (number, personal) -> tenant
   for (const std::string &id : engine.call_ids()) {
      const Call *call = engine.find_call(id);
      if (call == nullptr) continue;
      nlohmann::json c{{"call_id", call->id},
                       {"tenant", call->rules.tenant},
                       {"called", call->called},
                       {"phase", std::string(to_string(call->phase))},
                       {"queue", call->rules.queue},
                       {"personal", call->rules.personal},
                       {"call_type", std::string(call_type_name(call->rules.type))},
                       {"waiting_ms", now_ms - call->arrived_ms}};
      if (!call->caller.empty()) c["caller"] = call->caller;  // absent: withheld
      if (!call->rules.company.empty()) c["company"] = call->rules.company;
      if (!call->attendant.empty()) c["attendant"] = call->attendant;
      if (!call->original_destination.empty()) c["original_destination"] = call->original_destination;
      if (call->diversion != DiversionReason::none) c["diversion"] = std::string(to_string(call->diversion));
      calls.push_back(std::move(c));
      if (!call->rules.queue.empty()) {
         queues.emplace(std::pair(call->rules.queue, call->rules.personal), call->rules.tenant);
      }
   }
   // A queue belongs to one tenant: its DDI entry's, or its personal line's attendant's.
   nlohmann::json queue_list = nlohmann::json::array();
   for (const auto &[key, tenant] : queues) {
      const auto &[number, personal] = key;
      queue_list.push_back({{"queue", number},
                            {"tenant", tenant},
                            {"personal", personal},
                            {"calls", engine.queue_order(number, personal)}});
   }
   nlohmann::json attendants = nlohmann::json::array();
   for (const std::string &id : engine.attendant_ids()) {
      const Attendant *a = engine.find_attendant(id);
      if (a == nullptr) continue;
      nlohmann::json j{{"attendant", a->id},
                       {"tenant", a->tenant},
                       {"device", a->device},
                       {"personal_line", a->personal_line},
                       {"pilots", a->pilots},
                       {"state", std::string(to_string(engine.attendant_state(*a)))}};
      if (!a->call.empty()) j["call_id"] = a->call;
      attendants.push_back(std::move(j));
   }
   // The processing queue of every tenant that has attendants or calls in it.
   std::set<std::string> tenants;
   for (const std::string &id : engine.attendant_ids())
      if (const Attendant *a = engine.find_attendant(id)) tenants.insert(a->tenant);
   for (const std::string &id : engine.call_ids())
      if (const Call *call = engine.find_call(id)) tenants.insert(call->rules.tenant);
   nlohmann::json processing = nlohmann::json::array();
   for (const std::string &tenant : tenants) {
      for (const CallProcessing &p : engine.processing_queue(tenant)) {
         nlohmann::json j{{"call_id", p.call_id}, {"tenant", p.tenant}, {"state", std::string(to_string(p.state))}};
         if (!p.attendant.empty()) j["attendant"] = p.attendant;
         if (!p.target.empty()) j["target"] = p.target;
         if (!p.callback_number.empty()) j["callback_number"] = p.callback_number;
         processing.push_back(std::move(j));
      }
   }
   nlohmann::json links = nlohmann::json::array();
   for (const LinkState &l : engine.links()) {
      links.push_back({{"link", std::string(to_string(l.link))},
                       {"id", l.id},
                       {"state", std::string(to_string(l.state))},
                       {"detail", l.detail}});
   }
   return {{"calls", std::move(calls)},
           {"queues", std::move(queue_list)},
           {"processing", std::move(processing)},
           {"attendants", std::move(attendants)},
           {"channel_level", std::string(to_string(engine.channel_level()))},
           {"links", std::move(links)}};
}

}  // namespace portier::engine
