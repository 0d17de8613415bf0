// SPDX-License-Identifier: GPL-3.0-or-later
// The sites the number tests run at: one per kind of national numbering.
#pragma once

#include <string>

#include "numbers/number_plan.h"
#include "numbers/to_e164.h"

namespace portier::numbers::test {

// The E.164 number, or "error: " and the described error, so a CHECK shows what went wrong.
inline std::string e164_of(const NumberPlan &plan, std::string_view text, Form form) {
   const auto result = to_e164(plan, text, form);
   if (!result) return "error: " + describe(result.error());
   return *result;
}

// Munich: the manual's example site (49 89 7007-0), public access 0.
inline NumberPlan munich() {
   NumberPlan plan;
   plan.country_code = "49";
   plan.area_code = "89";
   plan.trunk_code = "0";
   plan.max_extension_length = 5;
   plan.access_codes = {"0", "0", "00", ""};
   plan.trunks = {{"7007", "", ""}};
   return plan;
}

// London: trunk code 0, public access 9, two trunks each reaching half the extensions.
inline NumberPlan london() {
   NumberPlan plan;
   plan.country_code = "44";
   plan.area_code = "20";
   plan.trunk_code = "0";
   plan.max_extension_length = 4;
   plan.access_codes = {"9", "0", "00", ""};
   plan.trunks = {{"7946", "0000", "4999"}, {"3946", "5000", "9999"}};
   return plan;
}

// New York: trunk code 1, international 011, no area code of its own (ten-digit dialling: the
// area code is part of every national number, and of the trunk).
inline NumberPlan new_york() {
   NumberPlan plan;
   plan.country_code = "1";
   plan.area_code = "";
   plan.trunk_code = "1";
   plan.max_extension_length = 4;
   plan.access_codes = {"9", "1", "011", ""};
   plan.trunks = {{"212555", "", ""}};
   return plan;
}

// Zurich: no public access code; the PBX sends national and international numbers straight out.
inline NumberPlan zurich() {
   NumberPlan plan;
   plan.country_code = "41";
   plan.area_code = "44";
   plan.trunk_code = "0";
   plan.max_extension_length = 3;
   plan.access_codes = {"", "0", "00", ""};
   plan.trunks = {{"5551", "", ""}};
   return plan;
}

// The OSV examples' site (+49 5050 580-xxxx), four-digit extensions.
inline NumberPlan landesbergen() {
   NumberPlan plan;
   plan.country_code = "49";
   plan.area_code = "5050";
   plan.trunk_code = "0";
   plan.max_extension_length = 4;
   plan.access_codes = {"0", "0", "00", ""};
   plan.trunks = {{"580", "", ""}};
   return plan;
}

// The manual's OpenScape 4000 VNR site in Curitiba: node codes per KNDEF, six-digit extensions.
inline NumberPlan curitiba() {
   NumberPlan plan;
   plan.country_code = "55";
   plan.area_code = "41";
   plan.trunk_code = "0";
   plan.max_extension_length = 6;
   plan.access_codes = {"0", "0", "00", ""};
   plan.trunks = {{"4052", "", ""}};
   plan.vnr_nodes = {{1, "999991", "+55414050"}, {2, "999992", "+55414051"}, {3, "999993", "+55414052"},
                     {4, "999994", "+55414053"}, {5, "999995", "+55414054"}, {0, "999999", ""}};
   return plan;
}

}  // namespace portier::numbers::test
