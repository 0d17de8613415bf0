// SPDX-License-Identifier: GPL-3.0-or-later
// Lock-out after repeated failed log-ons, per account and per remote address, as plain data on a
// clock the caller passes in (the engine's). A lock starts after `threshold` consecutive failures
// and doubles with each failure after it, up to a ceiling; a success clears the record.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

namespace portier::kernel {

struct LockoutPolicy {
   std::uint32_t account_threshold = 5;
   std::uint32_t address_threshold = 20;
   std::int64_t first_lock_us = 30'000'000;    // 30 s
   std::int64_t max_lock_us = 900'000'000;     // 15 min
   std::size_t max_tracked = 10'000;            // per map; the stalest record goes first
};

struct FailureRecord {
   std::uint32_t failures = 0;     // consecutive, since the last success
   std::int64_t lock_us = 0;       // length of the last lock; 0 = never locked
   std::int64_t locked_until_us = 0;
   std::int64_t last_failure_us = 0;
};

struct LockoutState {
   std::map<std::string, FailureRecord> accounts;   // key: lockout_account_key()
   std::map<std::string, FailureRecord> addresses;  // key: the remote address as given
};

// "tenant\user" as typed, lower-cased (ASCII), so changing the case does not escape a lock.
std::string lockout_account_key(std::string_view tenant, std::string_view user);

// How long the account or the address (whichever is longer) stays locked; 0 when free.
// An empty `remote` is not tracked.
std::int64_t locked_for_us(const LockoutState &state, std::string_view account_key, std::string_view remote,
                           std::int64_t now_us);

// A failed check: counts for the account and the address, and locks or extends the lock.
void record_failure(LockoutState &state, const LockoutPolicy &policy, std::string_view account_key,
                    std::string_view remote, std::int64_t now_us);

// A successful log-on clears both records.
void record_success(LockoutState &state, std::string_view account_key, std::string_view remote);

}  // namespace portier::kernel
