// SPDX-License-Identifier: GPL-3.0-or-later
// A site's number plan: the routing data that turns the numbers its PBX dials and shows into
// E.164 and back. Plain data; the conversions are free functions (to_e164.h, from_e164.h).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/model/site.h"

namespace portier::numbers {

// One exit of the PBX to the public network: the digits after the area code that lead to the
// site's extensions (the "7007" of +49 89 7007-0), and the extensions it reaches.
struct LocalTrunk {
   std::string code;
   // Both empty: every extension. Otherwise extensions of the same length as first_extension,
   // first_extension..last_extension inclusive (the PBX's DDI block behind this trunk).
   std::string first_extension;
   std::string last_extension;
};

// An OpenScape 4000 virtual node (VNR): the PBX addresses its devices as node code + extension
// ("999993" + "100005"); the node's E.164 prefix makes the same device "+55414052" + "100005".
struct VnrNode {
   std::uint32_t node = 0;   // the node's number, for messages
   std::string code;         // VNR NODECD: digits
   std::string e164_prefix;  // "+" and digits; empty for a node without E.164 (incoming trunks)
};

struct NumberPlan {
   std::string country_code;  // digits without '+': "49"
   std::string area_code;     // digits without the trunk code: "89"; may be empty (US: in the NSN)
   std::string trunk_code;    // the national prefix of written forms: "0" (089 ...), "1" (US)
   std::size_t max_extension_length = 0;  // 0: no extensions are recognised
   engine::AccessCodes access_codes;       // public (outside line), national, international, local
   std::vector<LocalTrunk> trunks;         // the first is the main trunk
   std::vector<VnrNode> vnr_nodes;         // OpenScape 4000 with VNR only
};

// The plan of a configured site. Sites do not yet configure trunks or VNR nodes: the caller adds
// them (see docs/numbers.md).
NumberPlan plan_of(const engine::Site &site);

// "+" country code area code trunk code: the E.164 prefix of the trunk's extensions.
std::string trunk_prefix(const NumberPlan &plan, const LocalTrunk &trunk);

// Whether `extension` is one the trunk reaches (its range, or any when it has none).
bool trunk_reaches(const LocalTrunk &trunk, std::string_view extension);

// Whether `digits` are dialled as an extension: 1 to max_extension_length digits that do not start
// with a code leading out of the PBX (the public access code, or where there is none, the
// international, national, local access codes and the trunk code).
bool is_extension_form(const NumberPlan &plan, std::string_view digits);

}  // namespace portier::numbers
