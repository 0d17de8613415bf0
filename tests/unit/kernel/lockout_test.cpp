// SPDX-License-Identifier: GPL-3.0-or-later
// Lock-out after failed log-ons: per account and per address, with backoff, on a given clock.
#include <catch2/catch.hpp>

#include "kernel/lockout.h"
#include "test_hashes.h"

using namespace portier::kernel;
using portier::kernel::test::kOneSecondUs;

namespace {

const std::string kAnnaKey = lockout_account_key("DEFAULT", "anna");

void fail_times(LockoutState &state, const LockoutPolicy &policy, const std::string &key, const std::string &remote,
                int times, std::int64_t now) {
   for (int i = 0; i < times; ++i) record_failure(state, policy, key, remote, now);
}

}  // namespace

TEST_CASE("four failed log-ons do not lock an account, the fifth locks it for 30 s", "[lockout]") {
   LockoutState state;
   const LockoutPolicy policy;
   fail_times(state, policy, kAnnaKey, "127.0.10.1", 4, 100 * kOneSecondUs);
   CHECK(locked_for_us(state, kAnnaKey, "127.0.10.1", 100 * kOneSecondUs) == 0);
   record_failure(state, policy, kAnnaKey, "127.0.10.1", 100 * kOneSecondUs);
   CHECK(locked_for_us(state, kAnnaKey, "127.0.10.1", 100 * kOneSecondUs) == 30 * kOneSecondUs);
   CHECK(locked_for_us(state, kAnnaKey, "", 110 * kOneSecondUs) == 20 * kOneSecondUs);
   CHECK(locked_for_us(state, kAnnaKey, "", 130 * kOneSecondUs) == 0);
}

TEST_CASE("each failure after a lock doubles the lock up to 15 minutes", "[lockout]") {
   LockoutState state;
   const LockoutPolicy policy;
   std::int64_t now = 0;
   fail_times(state, policy, kAnnaKey, "", 5, now);
   const std::int64_t expected[] = {60, 120, 240, 480, 900, 900, 900};
   for (const std::int64_t seconds : expected) {
      now += 1000 * kOneSecondUs;  // well after the lock ran out
      REQUIRE(locked_for_us(state, kAnnaKey, "", now) == 0);
      record_failure(state, policy, kAnnaKey, "", now);
      CHECK(locked_for_us(state, kAnnaKey, "", now) == seconds * kOneSecondUs);
   }
}

TEST_CASE("a successful log-on resets the failure count and the backoff", "[lockout]") {
   LockoutState state;
   const LockoutPolicy policy;
   fail_times(state, policy, kAnnaKey, "127.0.10.1", 6, 0);
   record_success(state, kAnnaKey, "127.0.10.1");
   CHECK(locked_for_us(state, kAnnaKey, "127.0.10.1", 0) == 0);
   fail_times(state, policy, kAnnaKey, "127.0.10.1", 4, 0);
   CHECK(locked_for_us(state, kAnnaKey, "127.0.10.1", 0) == 0);
   record_failure(state, policy, kAnnaKey, "127.0.10.1", 0);
   CHECK(locked_for_us(state, kAnnaKey, "127.0.10.1", 0) == 30 * kOneSecondUs);  // 30 s again, not doubled
}

TEST_CASE("the account key ignores the case of tenant and user", "[lockout]") {
   LockoutState state;
   const LockoutPolicy policy;
   fail_times(state, policy, lockout_account_key("Default", "ANNA"), "", 5, 0);
   CHECK(lockout_account_key("Default", "ANNA") == "default\\anna");
   CHECK(locked_for_us(state, kAnnaKey, "", 0) == 30 * kOneSecondUs);
   CHECK(locked_for_us(state, lockout_account_key("DEFAULT", "bob"), "", 0) == 0);
}

TEST_CASE("twenty failures from one address lock that address for any account", "[lockout]") {
   LockoutState state;
   const LockoutPolicy policy;
   for (int i = 0; i < 19; ++i) {
      record_failure(state, policy, lockout_account_key("DEFAULT", "user" + std::to_string(i)), "127.0.10.9", 0);
   }
   const std::string carol = lockout_account_key("DEFAULT", "carol");
   CHECK(locked_for_us(state, carol, "127.0.10.9", 0) == 0);
   record_failure(state, policy, lockout_account_key("DEFAULT", "user19"), "127.0.10.9", 0);
   CHECK(locked_for_us(state, carol, "127.0.10.9", 0) == 30 * kOneSecondUs);
   CHECK(locked_for_us(state, carol, "127.0.10.10", 0) == 0);  // another address is free
   // The next failure from the address after its lock doubles it.
   record_failure(state, policy, carol, "127.0.10.9", 40 * kOneSecondUs);
   CHECK(locked_for_us(state, carol, "127.0.10.9", 40 * kOneSecondUs) == 60 * kOneSecondUs);
   CHECK(locked_for_us(state, carol, "", 40 * kOneSecondUs) == 0);  // carol herself failed once only
}

TEST_CASE("an empty remote address is not tracked", "[lockout]") {
   LockoutState state;
   const LockoutPolicy policy;
   for (int i = 0; i < 25; ++i) record_failure(state, policy, lockout_account_key("T", std::to_string(i)), "", 0);
   CHECK(state.addresses.empty());
}

TEST_CASE("a flood of made-up names keeps at most max_tracked records, dropping the stalest", "[lockout]") {
   LockoutState state;
   LockoutPolicy policy;
   policy.max_tracked = 8;
   for (int i = 0; i < 20; ++i) {
      record_failure(state, policy, lockout_account_key("T", "u" + std::to_string(i)), "", i * kOneSecondUs);
   }
   CHECK(state.accounts.size() == 8);
   CHECK(state.accounts.count(lockout_account_key("T", "u19")) == 1);
   CHECK(state.accounts.count(lockout_account_key("T", "u0")) == 0);
}
