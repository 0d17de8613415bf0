// SPDX-License-Identifier: GPL-3.0-or-later
// Checking a log-on's password against an account's argon2id hash. The check is slow by design,
// so it runs on a worker thread the kernel owns, never on the engine thread; the queue in front of
// it is bounded. An account that cannot log on is checked against a dummy hash, so the time taken
// does not tell whether a name exists.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

#include "engine/model/account.h"

namespace portier::kernel {

struct PasswordResult {
   bool accepted = false;
   std::string problem;  // why the stored hash could not be used ("" when it could); never a secret
};

// Cost of a hash: libsodium's opslimit and memlimit.
struct HashCost {
   unsigned long long ops = 0;
   std::size_t mem_bytes = 0;
};
// crypto_pwhash_OPSLIMIT_INTERACTIVE / MEMLIMIT_INTERACTIVE: about 0.1 s and 64 MiB.
HashCost interactive_hash_cost();

// A PHC argon2id string for `password`, or "" when libsodium refuses (out of memory, bad cost).
std::string hash_password(std::string_view password, HashCost cost);

// Reads the stored hash (an `env` or `file` one now, at check time) and verifies `password`
// against it; kind `none` verifies against `dummy_hash` and is never accepted. [any thread]
PasswordResult check_password(const engine::AccountPassword &stored, std::string_view password,
                              std::string_view dummy_hash);

class PasswordChecker {
public:
   // Runs on the worker thread, once per submitted check.
   using Done = std::function<void(PasswordResult)>;

   // `dummy_cost` is the cost of the hash made for accounts that cannot log on.
   explicit PasswordChecker(std::size_t capacity = 16, HashCost dummy_cost = interactive_hash_cost());
   // Finishes the check in progress, drops the waiting ones (their Done never runs) and joins.
   ~PasswordChecker();
   PasswordChecker(const PasswordChecker &) = delete;
   PasswordChecker &operator=(const PasswordChecker &) = delete;

   // Queues a check; false when `capacity` checks already wait. The password copy is wiped
   // after use. [any]
   bool submit(engine::AccountPassword stored, std::string password, Done done);
   std::size_t waiting() const;

private:
   struct Job {
      engine::AccountPassword stored;
      std::string password;
      Done done;
   };
   void work(std::stop_token stop);

   const std::size_t capacity_;
   const HashCost dummy_cost_;
   std::string dummy_hash_;  // made on the worker at its first use
   mutable std::mutex mutex_;
   std::condition_variable_any wake_;
   std::deque<Job> jobs_;
   std::jthread worker_;  // last: it starts once everything above exists
};

}  // namespace portier::kernel
