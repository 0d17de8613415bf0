// SPDX-License-Identifier: GPL-3.0-or-later
// The `sites` section: routing data per site, exactly one master, each refusal at its position.
#include <catch2/catch.hpp>

#include "engine_config_support.h"

using portier::engine::test::Lines;
using portier::engine::test::load;
using portier::engine::test::printed;

TEST_CASE("a site's routing data is read as written, digits kept as text") {
   const auto result = load(
       "sites:\n"
       "  - name: munich\n"
       "    master: true\n"
       "    country_code: \"49\"\n"
       "    area_code: \"89\"\n"
       "    trunk_code: \"0\"\n"
       "    max_extension_length: 5\n"
       "    access_codes: { public: \"0\", national: \"0\", international: \"00\", local: \"\" }\n"
       "  - { name: berlin, country_code: 49, area_code: \"30\" }\n");
   REQUIRE(result.errors.empty());
   const auto &sites = result.config->engine.sites;
   REQUIRE(sites.size() == 2);
   CHECK(sites[0].name == "munich");
   CHECK(sites[0].master);
   CHECK(sites[0].country_code == "49");
   CHECK(sites[0].area_code == "89");
   CHECK(sites[0].max_extension_length == 5);
   CHECK(sites[0].access_codes.public_code == "0");
   CHECK(sites[0].access_codes.international == "00");
   CHECK(sites[1].name == "berlin");
   CHECK_FALSE(sites[1].master);
   CHECK(sites[1].trunk_code == "0");
}

TEST_CASE("a single site is the master without saying so") {
   const auto result = load("sites:\n  - { name: munich, country_code: \"49\" }\n");
   REQUIRE(result.errors.empty());
   CHECK(result.config->engine.sites.at(0).master);
}

TEST_CASE("several sites without a master are refused at the section") {
   CHECK(printed("sites:\n  - { name: a, country_code: \"49\" }\n  - { name: b, country_code: \"43\" }\n") ==
         Lines{"portier.yaml:1:1: exactly one site must be 'master: true', none is"});
}

TEST_CASE("a second master site is refused at its master key") {
   CHECK(printed("sites:\n"
                 "  - { name: a, country_code: \"49\", master: true }\n"
                 "  - { name: b, country_code: \"43\", master: true }\n") ==
         Lines{"portier.yaml:3:44: exactly one site must be 'master: true'; the master is already set at line 2"});
}

TEST_CASE("a site named twice is refused at the second name") {
   CHECK(printed("sites:\n  - { name: a, country_code: \"49\" }\n  - { name: a, country_code: \"49\" }\n") ==
         Lines{"portier.yaml:3:13: site 'a' is already defined at line 2"});
}

TEST_CASE("a misspelled site key is reported with a did-you-mean") {
   CHECK(printed("sites:\n  - name: a\n    country_code: \"49\"\n    area_cod: \"89\"\n") ==
         Lines{"portier.yaml:4:5: unknown key 'area_cod' (did you mean 'area_code'?)"});
}

TEST_CASE("routing codes that are not digits of the right length are refused") {
   CHECK(printed("sites:\n  - name: a\n    country_code: \"+49\"\n") ==
         Lines{"portier.yaml:3:19: 'country_code' must be 1 to 3 digits, got '+49'"});
   CHECK(printed("sites:\n  - name: a\n    country_code: \"049\"\n") ==
         Lines{"portier.yaml:3:19: 'country_code' is written without leading zeros or '+', got '049'"});
   CHECK(printed("sites:\n  - name: a\n    country_code: \"49\"\n    access_codes: { international: \"00x\" }\n") ==
         Lines{"portier.yaml:4:36: 'international' must be 0 to 4 digits, got '00x'"});
   CHECK(printed("sites:\n  - name: a\n    country_code: \"49\"\n    max_extension_length: 16\n") ==
         Lines{"portier.yaml:4:27: 'max_extension_length' must be between 1 and 15, got 16"});
}

TEST_CASE("a site needs a name and a country code") {
   CHECK(printed("sites:\n  - { area_code: \"89\" }\n") ==
         Lines{"portier.yaml:2:5: site needs 'name'", "portier.yaml:2:5: site needs 'country_code'"});
}

TEST_CASE("an empty sites section gives no sites") {
   const auto result = load("sites:\n");
   REQUIRE(result.errors.empty());
   CHECK(result.config->engine.sites.empty());
}
