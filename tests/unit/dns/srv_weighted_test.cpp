// SPDX-License-Identifier: GPL-3.0-or-later
#include <map>
#include <random>
#include <string>

#include <catch2/catch.hpp>

#include <portier/dns/nodes.h>

using namespace portier::dns;

TEST_CASE("a weighted SRV order keeps priorities apart and every target once") {
   std::mt19937 random(7);
   const auto ordered = order_srv_weighted({{2, 5, 5060, "c.test"}, {1, 10, 5060, "a.test"}, {1, 90, 5060, "b.test"},
                                            {3, 0, 5060, "d.test"}},
                                           random);
   REQUIRE(ordered.size() == 4);
   CHECK(ordered[0].priority == 1);
   CHECK(ordered[1].priority == 1);
   CHECK(ordered[2].target == "c.test");
   CHECK(ordered[3].target == "d.test");
}

TEST_CASE("within one priority the first target is drawn in proportion to its weight") {
   std::mt19937 random(42);
   std::map<std::string, int> first;
   constexpr int kDraws = 4000;
   for (int i = 0; i < kDraws; ++i) {
      const auto ordered = order_srv_weighted({{1, 10, 5060, "light.test"}, {1, 30, 5060, "heavy.test"}}, random);
      REQUIRE(ordered.size() == 2);
      ++first[ordered[0].target];
   }
   // expected 3000 : 1000; a wide margin keeps the test about the proportion, not the seed
   CHECK(first["heavy.test"] > 2700);
   CHECK(first["heavy.test"] < 3300);
   CHECK(first["light.test"] == kDraws - first["heavy.test"]);
}

TEST_CASE("a weight-0 target among weighted ones almost never comes first") {
   std::mt19937 random(3);
   int zero_first = 0;
   for (int i = 0; i < 1000; ++i) {
      const auto ordered = order_srv_weighted({{1, 0, 5060, "zero.test"}, {1, 100, 5060, "w.test"}}, random);
      if (ordered[0].target == "zero.test") ++zero_first;
   }
   CHECK(zero_first < 40);  // only when the draw is exactly 0: about 1 in 101
}

TEST_CASE("the weighted order also drops the '.' target that means no service") {
   std::mt19937 random(1);
   CHECK(order_srv_weighted({{0, 0, 0, "."}}, random).empty());
}
