// SPDX-License-Identifier: GPL-3.0-or-later
// The VNR node table: node code and extension to E.164 and back.
#include <catch2/catch.hpp>

#include "numbers/vnr.h"

using namespace portier::numbers;

namespace {

const std::vector<VnrNode> kNodes = {{1, "99", "+4930"}, {2, "9912", "+4940"}, {3, "77", ""}};

}  // namespace

TEST_CASE("the longest node code at the start decides the E.164 prefix") {
   CHECK(*vnr_to_e164(kNodes, "9912345") == "+4940345");
   CHECK(*vnr_to_e164(kNodes, "9913345") == "+493013345");
}

TEST_CASE("the longest E.164 prefix decides the node code") {
   std::vector<VnrNode> nodes = {{1, "11", "+4930"}, {2, "12", "+49301"}};
   CHECK(*vnr_from_e164(nodes, "+49301555") == "12555");
   CHECK(*vnr_from_e164(nodes, "+49302555") == "112555");
}

TEST_CASE("a node code alone, or a number with no node code, is refused") {
   auto alone = vnr_to_e164(kNodes, "99");
   REQUIRE_FALSE(alone);
   CHECK(alone.error().what == "'99' starts with no VNR node code");
   auto other = vnr_to_e164(kNodes, "55123");
   REQUIRE_FALSE(other);
   CHECK(other.error().what == "'55123' starts with no VNR node code");
}

TEST_CASE("a node without an E.164 prefix is skipped both ways") {
   CHECK_FALSE(vnr_to_e164(kNodes, "77123"));
   CHECK_FALSE(vnr_from_e164(kNodes, "+77123"));
}

TEST_CASE("a VNR number with '+' or letters is refused where it goes wrong") {
   auto plus = vnr_to_e164(kNodes, "+99123");
   REQUIRE_FALSE(plus);
   CHECK(plus.error().what == "a VNR number has no '+'");
   auto letter = vnr_to_e164(kNodes, "99a");
   REQUIRE_FALSE(letter);
   CHECK(letter.error().position == 2);
}

TEST_CASE("a node number that would make more than 15 digits is refused at the first digit too many") {
   auto result = vnr_to_e164(kNodes, "99134567890123");
   REQUIRE_FALSE(result);
   CHECK(result.error().what == "'+4930134567890123' is not an E.164 number (at most 15 digits)");
   CHECK(result.error().position == 13);
}

TEST_CASE("an E.164 number of no node is refused") {
   auto result = vnr_from_e164(kNodes, "+4950123");
   REQUIRE_FALSE(result);
   CHECK(result.error().what == "'+4950123' belongs to no VNR node");
   CHECK_FALSE(vnr_from_e164(kNodes, "4930123"));
}
