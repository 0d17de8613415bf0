// SPDX-License-Identifier: GPL-3.0-or-later
#include "kernel/lockout.h"

#include <algorithm>

namespace portier::kernel {
namespace {

std::int64_t remaining(const std::map<std::string, FailureRecord> &records, std::string_view key,
                       std::int64_t now_us) {
   const auto it = records.find(std::string(key));
   if (it == records.end() || it->second.locked_until_us <= now_us) return 0;
   return it->second.locked_until_us - now_us;
}

// Keeps the map bounded: a flood of made-up names must not grow memory without end.
void make_room(std::map<std::string, FailureRecord> &records, std::size_t max_tracked) {
   while (!records.empty() && records.size() >= max_tracked) {
      const auto stalest = std::min_element(records.begin(), records.end(), [](const auto &a, const auto &b) {
         return a.second.last_failure_us < b.second.last_failure_us;
      });
      records.erase(stalest);
   }
}

void fail(std::map<std::string, FailureRecord> &records, std::string_view key, std::uint32_t threshold,
          const LockoutPolicy &policy, std::int64_t now_us) {
   auto it = records.find(std::string(key));
   if (it == records.end()) {
      make_room(records, policy.max_tracked);
      it = records.emplace(std::string(key), FailureRecord{}).first;
   }
   FailureRecord &record = it->second;
   record.failures = record.failures < UINT32_MAX ? record.failures + 1 : record.failures;
   record.last_failure_us = now_us;
   if (record.failures < threshold) return;
   // The first lock at the threshold, then each further failure doubles it, up to the ceiling.
   record.lock_us = record.lock_us == 0 ? policy.first_lock_us : std::min(record.lock_us * 2, policy.max_lock_us);
   record.locked_until_us = std::max(record.locked_until_us, now_us + record.lock_us);
}

}  // namespace

std::string lockout_account_key(std::string_view tenant, std::string_view user) {
   std::string key;
   key.reserve(tenant.size() + 1 + user.size());
   key.append(tenant).append("\\").append(user);
   for (char &c : key) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
   }
   return key;
}

std::int64_t locked_for_us(const LockoutState &state, std::string_view account_key, std::string_view remote,
                           std::int64_t now_us) {
   const std::int64_t account = remaining(state.accounts, account_key, now_us);
   const std::int64_t address = remote.empty() ? 0 : remaining(state.addresses, remote, now_us);
   return std::max(account, address);
}

void record_failure(LockoutState &state, const LockoutPolicy &policy, std::string_view account_key,
                    std::string_view remote, std::int64_t now_us) {
   fail(state.accounts, account_key, policy.account_threshold, policy, now_us);
   if (!remote.empty()) fail(state.addresses, remote, policy.address_threshold, policy, now_us);
}

void record_success(LockoutState &state, std::string_view account_key, std::string_view remote) {
   state.accounts.erase(std::string(account_key));
   if (!remote.empty()) state.addresses.erase(std::string(remote));
}

}  // namespace portier::kernel
