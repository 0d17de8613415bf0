// SPDX-License-Identifier: GPL-3.0-or-later
// A complete, valid file: every value of the engine's sections arrives in Config::engine.
#include <catch2/catch.hpp>

#include "engine_config_support.h"

using namespace portier::engine;
using portier::engine::test::kGoodFile;
using portier::engine::test::load;

TEST_CASE("a complete file fills the engine data") {
   const auto result = load(kGoodFile);
   REQUIRE(result.errors.empty());
   const EngineData &data = result.config->engine;
   REQUIRE(data.tenants.size() == 2);
   REQUIRE(data.ddi.size() == 2);
   REQUIRE(data.variants.size() == 3);
   REQUIRE(data.announcements.size() == 1);
   REQUIRE(data.number_ranges.size() == 1);

   const Tenant &tenant = *find_tenant(data, "DEFAULT");
   CHECK(tenant.routing_type == RoutingType::pick);
   CHECK(tenant.times.default_ring_time_ms == 2000);
   CHECK(tenant.times.default_rna_timeout_ms == 15000);
   CHECK(tenant.times.max_time_in_incoming_queue_ms == 90000);
   CHECK(tenant.times.max_transfer_time_ms == 25000);
   CHECK(tenant.priority(CallType::main) == 2);
   CHECK(tenant.priority(CallType::intercept) == 1);
   CHECK(tenant.priority(CallType::personal) == 3);
   CHECK(tenant.priority(CallType::internal) == 5);
   CHECK(tenant.attendants == 4);
   CHECK(tenant.max_parked == 5);
   CHECK(tenant.night_variant == "night-announcement");
   CHECK(tenant.time_overflow_variant == "hotline-busy");

   const DdiEntry &ddi = *find_ddi(data, "+498970071200");
   CHECK(ddi.tenant == "Hotel");
   CHECK(ddi.purpose == CallType::intercept);
   CHECK(ddi.company == "Example AG");
   CHECK(ddi.additional_numbers == std::vector<std::string>{"+498970075500"});
   CHECK(ddi.overload == OverloadRule::forwarding);
   CHECK(ddi.overload_destination == "+498970079999");
   CHECK(ddi.times.max_time_in_incoming_queue_ms == 60000u);
   CHECK_FALSE(ddi.times.default_ring_time_ms.has_value());
   CHECK(ddi.night_variant == "night-forward");
   const DdiEntry &plain = *find_ddi(data, "+498970071201");
   CHECK(plain.tenant == "DEFAULT");
   CHECK(plain.purpose == CallType::main);
   CHECK(plain.overload == OverloadRule::busy);

   CHECK(find_variant(data, "hotline-busy")->mode == VariantMode::busy);
   CHECK(find_variant(data, "night-announcement")->announcement == "not-available");
   CHECK(find_variant(data, "night-forward")->destination == "+4950505807890");
   CHECK(find_variant(data, "night-forward")->tenant == "Hotel");
   CHECK(find_announcement(data, "not-available")->file == "/etc/portier/media/not-available.wav");

   const CpsNumberRanges &ranges = data.number_ranges.front();
   CHECK(ranges.request_numbers == NumberRange{"+498970071240", "+498970071259"});
   CHECK(ranges.request_numbers.size() == 20);
   CHECK(ranges.callback_numbers.size() == 8);
}

TEST_CASE("a DDI entry's overrides replace only the times it sets") {
   const auto result = load(kGoodFile);
   REQUIRE(result.config);
   const EngineData &data = result.config->engine;
   const CallTimes hotel = find_tenant(data, "Hotel")->times;
   const CallTimes effective = apply_overrides(hotel, find_ddi(data, "+498970071200")->times);
   CHECK(effective.max_time_in_incoming_queue_ms == 60000);
   CHECK(effective.default_ring_time_ms == hotel.default_ring_time_ms);
}

TEST_CASE("the DEFAULT tenant exists even when the file names no tenant") {
   for (const char *text : {"", "tenants:\n", "tenants:\n  - name: Hotel\n"}) {
      const auto result = load(text);
      REQUIRE(result.config);
      const Tenant *tenant = find_tenant(result.config->engine, "DEFAULT");
      REQUIRE(tenant != nullptr);
      CHECK(tenant->routing_type == RoutingType::automatic);
   }
}

TEST_CASE("empty engine sections are accepted") {
   CHECK(load("tenants: []\nddi: null\nvariants:\nannouncements: []\nnumber_ranges:\n").errors.empty());
}
