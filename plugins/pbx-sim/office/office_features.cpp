// SPDX-License-Identifier: GPL-3.0-or-later
// Forwarding, do-not-disturb and service state of an extension.
#include "office/office.h"

namespace portier::pbxsim {
Status Office::set_forwarding(std::string_view number, ForwardType type, bool on,
                              std::string_view destination) {
   Device *device = find_device(number);
   if (!device)
      return {make_error(ErrorValue::invalid_device_id), {}};
   if (on && (destination.empty() || destination == number))
      return {make_error(ErrorValue::invalid_forwarding_destination), {}};
   ForwardSetting *setting = nullptr;
   switch (type) {
   case ForwardType::unconditional: setting = &device->forwarding.unconditional; break;
   case ForwardType::busy: setting = &device->forwarding.busy; break;
   case ForwardType::no_answer: setting = &device->forwarding.no_answer; break;
   }
   if (!setting)
      return {make_error(ErrorValue::request_incompatible_with_object), {}};
   setting->on = on;
   // The PBX keeps the last destination when forwarding is switched off.
   if (on)
      setting->destination = std::string(destination);
   if (!device->cross_ref.empty())
      events_.emplace_back(
         ForwardingEvent{device->cross_ref, device->spec.number, type, on, setting->destination});
   return {};
}

Outcome<ForwardingSettings> Office::get_forwarding(std::string_view number) const {
   const Device *device = find_device(number);
   if (!device)
      return {make_error(ErrorValue::invalid_device_id), {}};
   return {std::nullopt, device->forwarding};
}

Status Office::set_dnd(std::string_view number, bool on) {
   Device *device = find_device(number);
   if (!device)
      return {make_error(ErrorValue::invalid_device_id), {}};
   device->dnd = on;
   if (!device->cross_ref.empty())
      events_.emplace_back(DoNotDisturbEvent{device->cross_ref, device->spec.number, on});
   return {};
}

Outcome<bool> Office::get_dnd(std::string_view number) const {
   const Device *device = find_device(number);
   if (!device)
      return {make_error(ErrorValue::invalid_device_id), false};
   return {std::nullopt, device->dnd};
}

// Taking a phone out of service leaves its calls alone; new calls to it fail.
Status Office::set_in_service(std::string_view number, bool in_service) {
   Device *device = find_device(number);
   if (!device)
      return {make_error(ErrorValue::invalid_device_id), {}};
   if (device->spec.in_service == in_service)
      return {};
   device->spec.in_service = in_service;
   if (!device->cross_ref.empty())
      events_.emplace_back(ServiceEvent{device->cross_ref, device->spec.number, in_service});
   return {};
}

} // namespace portier::pbxsim
