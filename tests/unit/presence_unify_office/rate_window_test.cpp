// SPDX-License-Identifier: GPL-3.0-or-later
// Per-group rate windows: never more than the capacity in a window, smoothing, server blocks.
#include <catch2/catch.hpp>

#include "rate_window.h"

using namespace portier::office;

TEST_CASE("an unsmoothed window allows a burst of its capacity, then waits for the oldest to age out") {
   RateWindow w(3, 60'000'000, false);
   for (int i = 0; i < 3; ++i) {
      CHECK(w.next_allowed_us(i) == i);
      w.sent(i);
   }
   CHECK(w.next_allowed_us(10) == 60'000'000);
   w.sent(60'000'000);
   CHECK(w.next_allowed_us(60'000'000) == 60'000'001);
}

TEST_CASE("a smoothed window spaces requests window / capacity apart") {
   RateWindow w(40, 60'000'000, true);
   w.sent(0);
   CHECK(w.next_allowed_us(1) == 1'500'000);
   // forty requests at the smallest spacing fit exactly into one window plus a gap
   std::int64_t at = 0;
   for (int i = 1; i < 40; ++i) {
      at = w.next_allowed_us(at);
      w.sent(at);
   }
   CHECK(w.next_allowed_us(at) == 60'000'000);
}

TEST_CASE("a server block closes the window until its end") {
   RateWindow w(10, 60'000'000, false);
   w.block_until(5'000'000);
   CHECK(w.next_allowed_us(0) == 5'000'000);
   CHECK(w.next_allowed_us(6'000'000) == 6'000'000);
   CHECK(RateWindow(0, 1000, true).capacity() == 1);
}
