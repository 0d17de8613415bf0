// SPDX-License-Identifier: GPL-3.0-or-later
// lib-http's token renewal time (token_timing.h), shared by the cloud presence plugins.
#include <catch2/catch.hpp>

#include <cstdint>
#include <limits>

#include "token_timing.h"

using portier::http::kLongestTokenLifetimeS;
using portier::http::renew_at_us;

namespace {
constexpr std::int64_t kSecond = 1'000'000;
}  // namespace

TEST_CASE("a token is renewed its margin before it expires") {
   CHECK(renew_at_us(0, 3600, 300) == 3300 * kSecond);
   CHECK(renew_at_us(7 * kSecond, 28800, 300) == 7 * kSecond + 28500 * kSecond);
   CHECK(renew_at_us(0, 10, 0) == 10 * kSecond);
}

TEST_CASE("a margin larger than half the lifetime renews after half the lifetime") {
   CHECK(renew_at_us(0, 60, 300) == 30 * kSecond);
   CHECK(renew_at_us(kSecond, 4, 300) == 3 * kSecond);
   CHECK(renew_at_us(0, 600, 300) == 300 * kSecond);  // exactly half: the margin as given
   CHECK(renew_at_us(0, 1, 300) == kSecond);          // half of one second rounds to no margin
}

TEST_CASE("a zero or negative lifetime renews at once") {
   CHECK(renew_at_us(5 * kSecond, 0, 300) == 5 * kSecond);
   CHECK(renew_at_us(5 * kSecond, -1, 300) == 5 * kSecond);
   CHECK(renew_at_us(5 * kSecond, std::numeric_limits<std::int64_t>::min(), 300) == 5 * kSecond);
}

TEST_CASE("a huge lifetime counts as ten years, without overflow") {
   const std::int64_t capped = (kLongestTokenLifetimeS - 300) * kSecond;
   CHECK(kLongestTokenLifetimeS == 10LL * 366 * 24 * 3600);
   CHECK(renew_at_us(0, kLongestTokenLifetimeS + 1, 300) == capped);
   CHECK(renew_at_us(0, std::numeric_limits<std::int64_t>::max(), 300) == capped);
   CHECK(renew_at_us(kSecond, kLongestTokenLifetimeS, 300) == kSecond + capped);
}

TEST_CASE("a negative margin counts as none") {
   CHECK(renew_at_us(0, 3600, -5) == 3600 * kSecond);
}
