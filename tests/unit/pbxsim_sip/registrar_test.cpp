// SPDX-License-Identifier: GPL-3.0-or-later
// The registrar over UDP, with a client on lib-sip answering the digest challenge.
#include <catch2/catch.hpp>

#include "sim_sip_rig.h"

using namespace portier::pbxsim;
using namespace portier::pbxsim::test;

TEST_CASE("the trunk registers with digest and its contact is remembered") {
   SimSipRig rig(sip_office(), sip_test_options());
   CHECK_FALSE(rig.on_io([&] { return rig.sip().trunk().has_value(); }));
   CHECK(rig.register_trunk("portier-cps", "portier", "secret", 41000, 305) == 200);
   auto binding = rig.on_io([&] { return rig.sip().trunk(); });
   REQUIRE(binding);
   CHECK(binding->contact == "sip:portier-cps@127.0.0.1:41000");
   CHECK(binding->peer.port == 41000);
}

TEST_CASE("with an empty password the registrar binds without a challenge, still by register id") {
   SipOptions options = sip_test_options();
   options.trunk.password.clear();
   SimSipRig rig(sip_office(), options);
   CHECK(rig.register_trunk("Portier-CPS", "anyone", "", 41000, 305) == 404);
   CHECK_FALSE(rig.on_io([&] { return rig.sip().trunk().has_value(); }));
   CHECK(rig.register_trunk("portier-cps", "anyone", "", 41000, 305) == 200);
   auto binding = rig.on_io([&] { return rig.sip().trunk(); });
   REQUIRE(binding);
   CHECK(binding->contact == "sip:portier-cps@127.0.0.1:41000");
}

TEST_CASE("a registration shorter than 300 s gets 423 with Min-Expires 300") {
   SimSipRig rig(sip_office(), sip_test_options());
   std::string min_expires;
   CHECK(rig.register_trunk("portier-cps", "portier", "secret", 41000, 120, &min_expires) == 423);
   CHECK(min_expires == "300");
   CHECK_FALSE(rig.on_io([&] { return rig.sip().trunk().has_value(); }));
}

TEST_CASE("a wrong password is refused with 403 and a wrong register id with 404") {
   SimSipRig rig(sip_office(), sip_test_options());
   CHECK(rig.register_trunk("portier-cps", "portier", "guess", 41000, 300) == 403);
   CHECK(rig.register_trunk("Portier-CPS", "portier", "secret", 41000, 300) == 404);  // case-sensitive
   CHECK_FALSE(rig.on_io([&] { return rig.sip().trunk().has_value(); }));
}

TEST_CASE("a caller cannot reach the provider service while the trunk is unregistered") {
   SimSipRig rig(sip_office(), sip_test_options());
   auto outcome = rig.on_io([&] { return rig.sip().place_call({"+4930901820", "+498970071200", std::nullopt, 1000}); });
   CHECK_THAT(outcome, Catch::StartsWith("480"));
   auto other = rig.on_io([&] { return rig.sip().place_call({"+4930901820", "+4989700799", std::nullopt, 1000}); });
   CHECK_THAT(other, Catch::StartsWith("404"));
}
