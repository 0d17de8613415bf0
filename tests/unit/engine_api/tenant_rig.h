// SPDX-License-Identifier: GPL-3.0-or-later
// Two tenants on one engine: DEFAULT with kPilot, ACME with kAcmePilot (company "Acme Ltd"),
// both ringing 1 s; commands go through the client API, events are kept as JSON.
#pragma once

#include <string>

#include "api_rig.h"

namespace portier::engine::test {

inline constexpr const char *kAcmePilot = "+498970072200";
inline constexpr const char *kAcme = "ACME";

inline EngineData two_tenants() {
   EngineData data = one_pilot();
   Tenant acme = data.tenants[0];
   acme.name = kAcme;
   data.tenants.push_back(acme);
   DdiEntry entry;
   entry.pilot_number = kAcmePilot;
   entry.tenant = kAcme;
   entry.company = "Acme Ltd";
   data.ddi.push_back(entry);
   return data;
}

struct TenantRig : ApiRig {
   TenantRig() { engine.set_data(two_tenants()); }

   nlohmann::json log_on_in(const std::string &attendant, const std::string &tenant, const std::string &pilot,
                            const std::string &device, bool available) {
      return command({{"type", "log_on"}, {"attendant", attendant}, {"tenant", tenant}, {"device", device},
                      {"pilots", {pilot}}, {"available", available}});
   }
   void call_to(const std::string &id, const std::string &caller, const std::string &called) {
      IncomingCall call;
      call.call_id = id;
      call.caller = caller;
      call.called = called;
      engine.on_incoming(call);
   }
   // Lets `call` ring out, be offered to the one available attendant, answered and connected.
   void connect(const std::string &call) {
      timers.advance(1000);
      const auto legs = trunk.legs_for(call);
      REQUIRE(legs.size() == 1);
      engine.on_answered(legs[0].call_id);
      engine.on_connected(call, legs[0].call_id);
      REQUIRE(saw("call_connected", call));
   }
};

}  // namespace portier::engine::test
