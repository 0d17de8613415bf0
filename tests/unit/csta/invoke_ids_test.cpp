// SPDX-License-Identifier: GPL-3.0-or-later
#include "csta_test_support.h"
#include "portier/csta/invoke_ids.h"

using namespace portier::csta;

TEST_CASE("invoke ids count up from 0000 and wrap after 9998, never handing out 9999") {
   InvokeIdAllocator ids;
   for (unsigned expected = 0; expected <= 9998; ++expected) {
      const auto id = ids.acquire();
      REQUIRE(id);
      REQUIRE(*id == expected);
      ids.release(*id);
   }
   CHECK(ids.acquire() == 0);
}

TEST_CASE("on wrap an id still in flight is skipped") {
   InvokeIdAllocator ids;
   const auto first = ids.acquire();  // 0000 stays in flight
   const auto second = ids.acquire();
   REQUIRE(first == 0);
   REQUIRE(second == 1);
   for (unsigned i = 2; i <= 9998; ++i) ids.release(*ids.acquire());
   ids.release(*second);
   CHECK(ids.in_flight(0));
   CHECK(ids.acquire() == 1);
}

TEST_CASE("with every id in flight no id is handed out") {
   InvokeIdAllocator ids;
   for (unsigned i = 0; i <= 9998; ++i) REQUIRE(ids.acquire());
   CHECK(ids.in_flight_count() == 9999);
   CHECK_FALSE(ids.acquire());
   ids.release(4711);
   CHECK(ids.acquire() == 4711);
}
