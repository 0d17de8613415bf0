// SPDX-License-Identifier: GPL-3.0-or-later
#include "device_model.h"

#include <portier/kind/pbx.h>

#include "mapping.h"

namespace portier::osv {
namespace {

bool is_mine(const DeviceModel &model, const csta::DeviceId &device) {
   return !device.empty() && (device.number == model.number || device.raw == model.number);
}

// The state a kind of event leaves this device's connection in when the PBX does not say.
std::string implied_state(const DeviceModel &model, const csta::CallEvent &e) {
   using K = csta::CallEventKind;
   switch (e.kind) {
   case K::delivered: return is_mine(model, e.subject) ? "alerting" : "connected";
   case K::established: return "connected";
   case K::held: return is_mine(model, e.subject) ? "hold" : "connected";
   case K::retrieved: return "connected";
   case K::originated: return "connected";
   case K::service_initiated: return "initiated";
   case K::failed: return "fail";
   case K::connection_cleared: return is_mine(model, e.subject) ? "null" : "";
   case K::diverted: return is_mine(model, e.subject) ? "null" : "";
   case K::transferred: return is_mine(model, e.subject) ? "null" : "";
   case K::conferenced: return "connected";
   case K::call_information: return "";
   }
   return "";
}

}  // namespace

void apply(DeviceModel &model, const csta::CallEvent &event) {
   using K = csta::CallEventKind;
   std::string call = event.connection.call_id;
   std::string state = event.local_connection_info.empty() ? implied_state(model, event)
                                                           : event.local_connection_info;
   if (state.empty() || call.empty()) return;
   if (state == "null") {
      model.calls.erase(call);
      if (!event.secondary.call_id.empty()) model.calls.erase(event.secondary.call_id);
      return;
   }
   // A party that stays in a transfer or conference goes on in the new call the PBX lists for
   // it; both old calls are gone, or they would keep the device busy for ever.
   if ((event.kind == K::transferred || event.kind == K::conferenced) && !event.connections.empty()) {
      std::string renamed = event.connections.front().new_connection.call_id;
      for (const csta::ConnectionListItem &item : event.connections) {
         if (is_mine(model, item.new_connection.device) || is_mine(model, item.endpoint)) {
            renamed = item.new_connection.call_id;
            break;
         }
      }
      if (!renamed.empty()) {
         model.calls.erase(call);
         if (!event.secondary.call_id.empty()) model.calls.erase(event.secondary.call_id);
         call = renamed;
      }
   }
   if (model.calls.size() < 64 || model.calls.count(call) != 0) model.calls[call] = state;  // bounded
}

void apply(DeviceModel &model, const csta::SnapshotDeviceResponse &snapshot) {
   model.calls.clear();
   for (const csta::SnapshotCall &c : snapshot.calls) {
      if (c.state != "null" && !c.connection.call_id.empty() && model.calls.size() < 64) {
         model.calls[c.connection.call_id] = c.state;
      }
   }
}

void apply(Features &f, const csta::ForwardingItem &item) {
   switch (forwarding_type_of(item.forwarding_type)) {
   case PORTIER_PBX_FORWARD_UNCONDITIONAL:
      f.forward_unconditional = item.on;
      f.forward_unconditional_to = item.on ? item.forward_dn : "";
      break;
   case PORTIER_PBX_FORWARD_BUSY:
      f.forward_busy = item.on;
      f.forward_busy_to = item.on ? item.forward_dn : "";
      break;
   case PORTIER_PBX_FORWARD_NO_ANSWER:
      f.forward_no_answer = item.on;
      f.forward_no_answer_to = item.on ? item.forward_dn : "";
      break;
   default:
      if (item.forwarding_type == "forwardDND") f.dnd = item.on;
      break;
   }
}

DeviceState derive(const DeviceModel &model) {
   if (model.out_of_service) return {PORTIER_PBX_DEVICE_OUT_OF_SERVICE, ""};
   bool busy = false, ringing = false, held = false;
   for (const auto &[id, state] : model.calls) {
      if (state == "connected" || state == "initiated" || state == "fail") busy = true;
      if (state == "alerting" || state == "queued") ringing = true;
      if (state == "hold") held = true;
   }
   if (busy) return {PORTIER_PBX_DEVICE_BUSY, ""};
   if (ringing) return {PORTIER_PBX_DEVICE_RINGING, ""};
   if (held) return {PORTIER_PBX_DEVICE_HELD, ""};
   if (model.features.dnd) return {PORTIER_PBX_DEVICE_DND, ""};
   if (model.features.forward_unconditional) {
      return {PORTIER_PBX_DEVICE_FORWARDED, model.features.forward_unconditional_to};
   }
   return {PORTIER_PBX_DEVICE_IDLE, ""};
}

}  // namespace portier::osv
