// SPDX-License-Identifier: GPL-3.0-or-later
#include "bench_plan.h"

#include <string>

namespace portier::bench {

namespace {

// `n` with leading zeros to `width` digits; the plan's sizes keep it within the width.
std::string padded(std::size_t n, std::size_t width) {
   std::string digits = std::to_string(n);
   if (digits.size() < width) digits.insert(0, width - digits.size(), '0');
   return digits;
}

std::string pilot_number(std::size_t tenant, std::size_t pilot) {
   return "+4989700" + padded(tenant, 2) + padded(pilot, 2) + "00";
}

std::string numbered(const char *prefix, std::size_t n) { return prefix + padded(n, 5); }

}  // namespace

BenchPlan make_plan(const BenchSize &size) {
   BenchPlan plan;
   plan.pilots.resize(size.tenants);
   // Calls wait up to an hour before their busy overflow, so every waiting call carries its
   // max-time-in-queue timer, as in operation, and none overflows during a run.
   engine::Variant overflow;
   overflow.id = "bench-overflow";
   overflow.mode = engine::VariantMode::busy;
   plan.data.variants.push_back(overflow);
   for (std::size_t t = 0; t < size.tenants; ++t) {
      engine::Tenant tenant;
      tenant.name = t == 0 ? std::string(engine::kDefaultTenant) : "T" + std::to_string(t);
      tenant.routing_type = t + 1 == size.tenants && size.tenants > 1 ? engine::RoutingType::pick
                                                                       : engine::RoutingType::automatic;
      tenant.times.max_time_in_incoming_queue_ms = 3600 * 1000;
      tenant.time_overflow_variant = overflow.id;
      tenant.priorities[static_cast<std::size_t>(engine::CallType::internal)] = 3;
      for (std::size_t p = 0; p < size.pilots_per_tenant; ++p) {
         engine::DdiEntry entry;
         entry.pilot_number = pilot_number(t, p);
         entry.tenant = tenant.name;
         entry.purpose = p % 2 == 0 ? engine::CallType::main : engine::CallType::internal;
         plan.pilots[t].push_back(entry.pilot_number);
         plan.data.ddi.push_back(std::move(entry));
      }
      plan.data.tenants.push_back(std::move(tenant));
   }
   for (std::size_t a = 0; a < size.attendants; ++a) {
      const std::size_t t = a % size.tenants;
      engine::LogOn logon;
      logon.attendant = "att" + std::to_string(a);
      logon.tenant = plan.data.tenants[t].name;
      logon.device = numbered("+49891230", a);
      logon.personal_line = numbered("+49897999", a);
      logon.available = false;
      // Each attendant serves some of the tenant's pilots, so queues overlap but differ.
      const std::vector<std::string> &pilots = plan.pilots[t];
      for (std::size_t p = 0; p < pilots.size(); ++p) {
         if (pilots.size() < 3 || (p + a) % 3 != 0) logon.pilots.push_back(pilots[p]);
      }
      plan.attendants.push_back(std::move(logon));
      plan.attendant_tenant.push_back(t);
   }
   return plan;
}

}  // namespace portier::bench
