// SPDX-License-Identifier: GPL-3.0-or-later
// A small office for the tests, and events written as short lines that read like the note's tables.
#pragma once

#include "office/office.h"

#include <catch2/catch.hpp>

#include <string>
#include <variant>
#include <vector>

namespace portier::pbxsim::test {

// 100 is the attendant; 200, 300, 400, 500 are office users; two numbers outside.
inline OfficeSpec small_office() {
   OfficeSpec spec;
   spec.extensions = {
      {"100", "Anna Attendant", ExtensionKind::attendant, {}, true},
      {"200", "Bert Office", ExtensionKind::office_user, {}, true},
      {"300", "Carla Office", ExtensionKind::office_user, {}, true},
      {"400", "Dora Office", ExtensionKind::office_user, {}, true},
      {"500", "Emil Office", ExtensionKind::office_user, {}, true},
   };
   spec.external_numbers = {"+4989111", "+4989222"};
   spec.no_answer_ms = 15000;
   spec.max_forward_hops = 5;
   return spec;
}

inline ExtensionSpec &extension(OfficeSpec &spec, const std::string &number) {
   for (auto &ext : spec.extensions)
      if (ext.number == number)
         return ext;
   FAIL("no extension " << number);
   return spec.extensions.front();
}

// Every extension of the spec monitored.
inline Office monitored_office(OfficeSpec spec) {
   Office office(std::move(spec));
   for (const char *number : {"100", "200", "300", "400", "500"})
      REQUIRE(office.monitor_start(number).ok());
   return office;
}

// "<monitored> <Event> <local state> <cause>", e.g. "100 Delivered connected newCall".
inline std::string line(const CallEvent &ev) {
   std::string s = ev.monitored + " " + std::string(to_string(ev.type)) + " " +
                   std::string(to_string(ev.local_state));
   if (ev.cause != EventCause::none)
      s += " " + std::string(to_string(ev.cause));
   return s;
}

inline std::vector<std::string> lines(const std::vector<OfficeEvent> &events) {
   std::vector<std::string> out;
   for (const auto &ev : events) {
      if (const auto *call = std::get_if<CallEvent>(&ev))
         out.push_back(line(*call));
      else if (const auto *fwd = std::get_if<ForwardingEvent>(&ev))
         out.push_back(fwd->device + " Forwarding " + std::string(to_string(fwd->type)) +
                       (fwd->on ? " on " : " off ") + fwd->destination);
      else if (const auto *dnd = std::get_if<DoNotDisturbEvent>(&ev))
         out.push_back(dnd->device + " DoNotDisturb " + (dnd->on ? "on" : "off"));
      else if (const auto *service = std::get_if<ServiceEvent>(&ev))
         out.push_back(service->device + (service->in_service ? " BackInService" : " OutOfService"));
   }
   return out;
}

inline std::vector<CallEvent> call_events(const std::vector<OfficeEvent> &events) {
   std::vector<CallEvent> out;
   for (const auto &ev : events)
      if (const auto *call = std::get_if<CallEvent>(&ev))
         out.push_back(*call);
   return out;
}

inline DeviceState state(const Office &office, const std::string &device) {
   auto snap = office.snapshot_device(device);
   REQUIRE(snap.ok());
   return snap.value.state;
}

inline std::string make_call(Office &office, const std::string &from, const std::string &to) {
   auto r = office.make_call(from, to);
   REQUIRE(r.ok());
   return r.value.call_id;
}

using V = std::vector<std::string>;

} // namespace portier::pbxsim::test
