// SPDX-License-Identifier: GPL-3.0-or-later
#include <type_traits>

#include "engine/api/client_api.h"
#include "engine/runtime/overload.h"

namespace portier::engine {
namespace {

// Events about a call or an attendant name its tenant; one without is system-wide.
void put_tenant(nlohmann::json &out, const std::string &tenant) {
   if (!tenant.empty()) out["tenant"] = tenant;
}

}  // namespace

nlohmann::json event_json(const EngineEvent &event) {
   nlohmann::json out{{"type", "event"}};
   std::visit(
       [&out](const auto &e) {
          using E = std::decay_t<decltype(e)>;
          if constexpr (std::is_same_v<E, CallQueued>) {
             out["event"] = "call_queued";
             out["call_id"] = e.call_id;
             put_tenant(out, e.tenant);
             out["queue"] = e.queue;
             out["personal"] = e.personal;
             out["priority"] = e.priority;
             out["returned"] = e.returned;
             out["waiting_ms"] = e.waiting_ms;  // since arrival, so a console's clock starts right
             out["call_type"] = std::string(call_type_name(e.call_type));
             if (!e.original_destination.empty()) out["original_destination"] = e.original_destination;
             if (e.diversion != DiversionReason::none) out["diversion"] = std::string(to_string(e.diversion));
             if (!e.caller.empty()) out["caller"] = e.caller;  // absent: withheld
             if (!e.company.empty()) out["company"] = e.company;
          } else if constexpr (std::is_same_v<E, CallOffered>) {
             out["event"] = "call_offered";
             out["call_id"] = e.call_id;
             put_tenant(out, e.tenant);
             out["attendant"] = e.attendant;
          } else if constexpr (std::is_same_v<E, CallTakenBack>) {
             out["event"] = "call_taken_back";
             out["call_id"] = e.call_id;
             put_tenant(out, e.tenant);
             out["attendant"] = e.attendant;
          } else if constexpr (std::is_same_v<E, CallConnected>) {
             out["event"] = "call_connected";
             out["call_id"] = e.call_id;
             put_tenant(out, e.tenant);
             out["attendant"] = e.attendant;
          } else if constexpr (std::is_same_v<E, CallEnded>) {
             out["event"] = "call_ended";
             out["call_id"] = e.call_id;
             put_tenant(out, e.tenant);
             out["reason"] = std::string(to_string(e.reason));
             out["waiting_ms"] = e.waiting_ms;
             if (!e.variant.empty()) out["variant"] = e.variant;
             if (!e.attendant.empty()) out["attendant"] = e.attendant;
             if (!e.target.empty()) out["target"] = e.target;
             if (e.overload) out["overload"] = true;
          } else if constexpr (std::is_same_v<E, CallProcessing>) {
             out["event"] = "call_processing";
             out["call_id"] = e.call_id;
             out["tenant"] = e.tenant;
             out["state"] = std::string(to_string(e.state));
             if (!e.attendant.empty()) out["attendant"] = e.attendant;
             if (!e.target.empty()) out["target"] = e.target;
             if (!e.callback_number.empty()) out["callback_number"] = e.callback_number;
          } else if constexpr (std::is_same_v<E, AttendantChanged>) {
             out["event"] = "attendant_changed";
             out["attendant"] = e.attendant;
             put_tenant(out, e.tenant);
             out["state"] = std::string(to_string(e.state));
             if (!e.call_id.empty()) out["call_id"] = e.call_id;
          } else if constexpr (std::is_same_v<E, ChannelAlert>) {
             out["event"] = "channel_alert";
             out["level"] = std::string(to_string(e.level));
             out["in_use"] = e.in_use;
             out["total"] = e.total;
             out["processing"] = e.processing;
          } else if constexpr (std::is_same_v<E, LinkState>) {
             out["event"] = "link_state";  // system-wide: every console shows the links
             out["link"] = std::string(to_string(e.link));
             out["id"] = e.id;
             out["state"] = std::string(to_string(e.state));
             out["detail"] = e.detail;
          } else if constexpr (std::is_same_v<E, EngineNote>) {
             out["event"] = "note";
             if (!e.call_id.empty()) out["call_id"] = e.call_id;
             put_tenant(out, e.tenant);
             out["text"] = e.text;
          } else {
             // A newer event this face does not describe yet: front ends ignore unknown events.
             out["event"] = "other";
          }
       },
       event);
   return out;
}

}  // namespace portier::engine
