// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine_fixture.h"

#include <catch2/catch.hpp>

namespace portier::engine::test {

EngineData standard_data() {
   EngineData data;
   Tenant main_tenant;
   main_tenant.name = std::string(kDefaultTenant);
   main_tenant.priorities[static_cast<std::size_t>(CallType::internal)] = 2;
   data.tenants.push_back(main_tenant);
   Tenant pick_tenant;
   pick_tenant.name = "PICK";
   pick_tenant.routing_type = RoutingType::pick;
   data.tenants.push_back(pick_tenant);

   DdiEntry main_entry;
   main_entry.pilot_number = kMain;
   main_entry.tenant = std::string(kDefaultTenant);
   main_entry.additional_numbers = {kMainExtra};
   data.ddi.push_back(main_entry);
   DdiEntry internal_entry;
   internal_entry.pilot_number = kInternal;
   internal_entry.tenant = std::string(kDefaultTenant);
   internal_entry.purpose = CallType::internal;
   internal_entry.times.default_ring_time_ms = 1000;
   data.ddi.push_back(internal_entry);
   DdiEntry pick_entry;
   pick_entry.pilot_number = kPicked;
   pick_entry.tenant = "PICK";
   data.ddi.push_back(pick_entry);

   data.variants.push_back({"night-busy", VariantMode::busy, "", "", std::string(kDefaultTenant)});
   data.variants.push_back({"night-announce", VariantMode::announcement, "closed", "", std::string(kDefaultTenant)});
   data.variants.push_back({"night-forward", VariantMode::forwarding, "", "+4930999", std::string(kDefaultTenant)});
   data.variants.push_back({"overflow-announce", VariantMode::announcement, "sorry", "", std::string(kDefaultTenant)});
   data.variants.push_back({"overflow-forward", VariantMode::forwarding, "", "+4930888", std::string(kDefaultTenant)});
   data.announcements.push_back({"closed", "/var/lib/portier/closed.wav", std::string(kDefaultTenant)});
   data.announcements.push_back({"sorry", "/var/lib/portier/sorry.wav", std::string(kDefaultTenant)});
   CpsNumberRanges ranges;
   ranges.tenant = std::string(kDefaultTenant);
   ranges.request_numbers = {"+4930710", "+4930719"};
   ranges.callback_numbers = {kCallback0, kCallback2};
   data.number_ranges.push_back(ranges);
   return data;
}

OpeningHours weekdays_nine_to_five() {
   OpeningHours hours;
   for (int day = 0; day < 5; ++day) hours.weekly[static_cast<std::size_t>(day)] = {{9 * 60, 17 * 60}};
   return hours;
}

Engine &EngineFixture::start() {
   engine = std::make_unique<Engine>(data, trunk, clock, [this](const EngineEvent &e) { events.push_back(e); });
   trunk.confirm = [this](const std::string &id, const std::string &other) { engine->on_connected(id, other); };
   return *engine;
}

void EngineFixture::incoming(const std::string &call_id, const std::string &called, const std::string &caller) {
   engine->on_incoming(IncomingCall{call_id, caller, called, ""});
}

void EngineFixture::queued_call(const std::string &call_id, const std::string &called) {
   incoming(call_id, called);
   clock.advance(3000);
}

Outcome EngineFixture::log_on(const std::string &attendant, const std::string &device,
                              std::vector<std::string> pilots, const std::string &personal_line, bool available) {
   LogOn request;
   request.attendant = attendant;
   request.device = device;
   request.personal_line = personal_line;
   request.pilots = std::move(pilots);
   request.available = available;
   // An attendant belongs to the tenant of the pilot numbers it serves.
   if (!request.pilots.empty())
      if (const DdiEntry *entry = find_ddi(data, request.pilots.front())) request.tenant = entry->tenant;
   return engine->log_on(request);
}

std::string EngineFixture::leg_of(const std::string &call_id) const {
   const std::vector<TrunkCommand> legs = trunk.legs_for(call_id);
   return legs.empty() ? std::string{} : legs.back().call_id;
}

std::string EngineFixture::last_leg() const {
   const std::vector<TrunkCommand> legs = trunk.of("place_call");
   return legs.empty() ? std::string{} : legs.back().call_id;
}

std::string EngineFixture::connected_call(const std::string &call_id, const std::string &attendant,
                                          const std::string &device, const std::string &called) {
   if (!engine->find_attendant(attendant)) REQUIRE(log_on(attendant, device, {called}) == Outcome::ok);
   queued_call(call_id, called);
   const std::string leg = leg_of(call_id);
   engine->on_answered(leg);
   return leg;
}

std::vector<CallEnded> EngineFixture::ended(const std::string &call_id) const {
   std::vector<CallEnded> found;
   for (const CallEnded &e : events_of<CallEnded>())
      if (e.call_id == call_id) found.push_back(e);
   return found;
}

}  // namespace portier::engine::test
