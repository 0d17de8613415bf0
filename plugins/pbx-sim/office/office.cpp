// SPDX-License-Identifier: GPL-3.0-or-later
// The office's registry: devices, monitors, lookups, device state, and event delivery.
#include "office/office.h"

namespace portier::pbxsim {

Office::Office(OfficeSpec spec) : spec_(std::move(spec)) {
   devices_.reserve(spec_.extensions.size());
   for (const auto &ext : spec_.extensions)
      devices_.try_emplace(ext.number, Device{ext, {}, false, {}, {}});
   for (const auto &number : spec_.external_numbers)
      if (!devices_.contains(number))
         externals_.try_emplace(number, true);
}

Office::Device *Office::find_device(std::string_view number) {
   auto it = devices_.find(number);
   return it == devices_.end() ? nullptr : &it->second;
}

const Office::Device *Office::find_device(std::string_view number) const {
   auto it = devices_.find(number);
   return it == devices_.end() ? nullptr : &it->second;
}

Office::Call *Office::find_call(std::string_view call_id) {
   auto it = calls_.find(call_id);
   return it == calls_.end() ? nullptr : &it->second;
}

Office::Connection *Office::find_connection(Call &call, std::string_view party) {
   for (auto &c : call.connections)
      if (c.party == party)
         return &c;
   return nullptr;
}

bool Office::is_external(std::string_view number) const {
   return externals_.contains(number) || (trunk_numbers_ && !devices_.contains(number) && trunk_numbers_(number));
}

bool Office::is_reachable(std::string_view number) const {
   return devices_.contains(number) || is_external(number);
}

// A device is busy while it talks, dials or rings; a held call alone leaves it free for another.
bool Office::has_active_connection(const Device &device, std::string_view except_call) const {
   for (const auto &id : device.calls) {
      if (id == except_call)
         continue;
      auto it = calls_.find(id);
      if (it == calls_.end())
         continue;
      for (const auto &c : it->second.connections)
         if (c.device == &device && c.state != ConnectionState::held)
            return true;
   }
   return false;
}

DeviceState Office::state_of(const Device &device) const {
   if (!device.spec.in_service)
      return DeviceState::out_of_service;
   bool ringing = false, held = false;
   for (const auto &id : device.calls) {
      auto it = calls_.find(id);
      if (it == calls_.end())
         continue;
      for (const auto &c : it->second.connections) {
         if (c.device != &device)
            continue;
         if (c.state == ConnectionState::alerting)
            ringing = true;
         else if (c.state == ConnectionState::held)
            held = true;
         else
            return DeviceState::busy;
      }
   }
   if (ringing)
      return DeviceState::ringing;
   if (held)
      return DeviceState::held;
   if (device.dnd)
      return DeviceState::dnd;
   if (device.forwarding.unconditional.on)
      return DeviceState::forwarded;
   return DeviceState::idle;
}

Outcome<std::string> Office::monitor_start(std::string_view number) {
   Device *device = find_device(number);
   if (!device)
      return {OfficeError{ErrorCategory::operation, ErrorValue::invalid_monitor_object}, {}};
   if (device->cross_ref.empty()) {
      device->cross_ref = std::to_string(next_monitor_++);
      monitors_.try_emplace(device->cross_ref, device->spec.number);
      if (!device->spec.in_service)
         events_.emplace_back(ServiceEvent{device->cross_ref, device->spec.number, false});
   }
   return {std::nullopt, device->cross_ref};
}

Status Office::monitor_stop(std::string_view cross_ref) {
   auto it = monitors_.find(cross_ref);
   if (it == monitors_.end())
      return {OfficeError{ErrorCategory::operation, ErrorValue::invalid_cross_ref_id}, {}};
   if (Device *device = find_device(it->second))
      device->cross_ref.clear();
   monitors_.erase(it);
   return {};
}

Outcome<DeviceSnapshot> Office::snapshot_device(std::string_view number) const {
   const Device *device = find_device(number);
   if (!device)
      return {OfficeError{ErrorCategory::operation, ErrorValue::invalid_device_id}, {}};
   DeviceSnapshot snap;
   snap.device = device->spec.number;
   snap.state = state_of(*device);
   if (snap.state == DeviceState::forwarded)
      snap.forward_to = device->forwarding.unconditional.destination;
   for (const auto &id : device->calls) {
      auto it = calls_.find(id);
      if (it == calls_.end())
         continue;
      for (const auto &c : it->second.connections)
         if (c.device == device)
            snap.calls.push_back({id, c.state});
   }
   return {std::nullopt, std::move(snap)};
}

CallEvent Office::event_for(const Call &call, CallEventType type, std::string_view subject,
                            EventCause cause) const {
   CallEvent ev;
   ev.type = type;
   ev.call_id = call.id;
   ev.subject = subject;
   ev.calling = call.calling;
   ev.called = call.called;
   ev.redirecting = call.redirecting;
   ev.cause = cause;
   return ev;
}

void Office::emit_to_device(const Device &device, CallEvent event, ConnectionState local_state) {
   if (changed_) changed_();
   if (device.cross_ref.empty())
      return;
   event.cross_ref = device.cross_ref;
   event.monitored = device.spec.number;
   event.local_state = local_state;
   events_.emplace_back(std::move(event));
}

void Office::emit_to_parties(const Call &call, const CallEvent &proto, std::string_view departed) {
   if (changed_) changed_();
   for (const auto &c : call.connections) {
      if (!c.device || c.device->cross_ref.empty())
         continue;
      emit_to_device(*c.device, proto, c.party == departed ? ConnectionState::null : c.state);
   }
}

std::vector<OfficeEvent> Office::drain_events() {
   std::vector<OfficeEvent> out(std::make_move_iterator(events_.begin()),
                                std::make_move_iterator(events_.end()));
   events_.clear();
   return out;
}

} // namespace portier::pbxsim
