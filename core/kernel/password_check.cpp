// SPDX-License-Identifier: GPL-3.0-or-later
#include "kernel/password_check.h"

#include <array>
#include <optional>

#include <sodium.h>

#include "kernel/secrets.h"

namespace portier::kernel {
namespace {

void wipe(std::string &secret) {
   if (!secret.empty()) sodium_memzero(secret.data(), secret.size());
   secret.clear();
}

// The hash an `env` or `file` account points at, read now; nullopt with `problem` set when missing.
std::optional<std::string> stored_hash(const engine::AccountPassword &stored, std::string &problem) {
   if (stored.kind == engine::PasswordKind::argon2id) return stored.value;
   SecretRef ref;
   ref.name = "password";
   if (stored.kind == engine::PasswordKind::env) {
      ref.env = stored.value;
   } else {
      ref.file = stored.value;
   }
   auto hash = read_secret(ref, problem);
   if (hash && hash->empty()) {
      problem = stored.kind == engine::PasswordKind::env ? "environment variable " + stored.value + " is empty"
                                                         : stored.value + " is empty";
      return std::nullopt;
   }
   return hash;
}

bool verify(std::string_view hash, std::string_view password) {
   // libsodium wants a NUL-terminated hash; one longer than its buffer is no hash of ours.
   if (hash.size() >= crypto_pwhash_STRBYTES) return false;
   std::array<char, crypto_pwhash_STRBYTES> text{};
   hash.copy(text.data(), hash.size());
   return crypto_pwhash_str_verify(text.data(), password.data(), password.size()) == 0;
}

}  // namespace

HashCost interactive_hash_cost() {
   return HashCost{crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE};
}

std::string hash_password(std::string_view password, HashCost cost) {
   if (sodium_init() < 0) return {};
   std::array<char, crypto_pwhash_STRBYTES> out{};
   if (crypto_pwhash_str(out.data(), password.data(), password.size(), cost.ops, cost.mem_bytes) != 0) return {};
   return std::string(out.data());
}

PasswordResult check_password(const engine::AccountPassword &stored, std::string_view password,
                              std::string_view dummy_hash) {
   PasswordResult result;
   if (stored.kind == engine::PasswordKind::none) {
      verify(dummy_hash, password);  // only for the time it takes
      return result;
   }
   const auto hash = stored_hash(stored, result.problem);
   if (!hash) {
      verify(dummy_hash, password);
      return result;
   }
   if (hash->rfind("$argon2id$", 0) != 0) {
      result.problem = "the stored password is not an argon2id hash";
      verify(dummy_hash, password);
      return result;
   }
   result.accepted = verify(*hash, password);
   return result;
}

PasswordChecker::PasswordChecker(std::size_t capacity, HashCost dummy_cost)
   : capacity_(capacity), dummy_cost_(dummy_cost), worker_([this](std::stop_token stop) { work(stop); }) {}

PasswordChecker::~PasswordChecker() {
   worker_.request_stop();
   worker_.join();
   for (Job &job : jobs_) wipe(job.password);
}

bool PasswordChecker::submit(engine::AccountPassword stored, std::string password, Done done) {
   {
      std::lock_guard lock(mutex_);
      if (jobs_.size() >= capacity_) {
         wipe(password);
         return false;
      }
      jobs_.push_back(Job{std::move(stored), std::move(password), std::move(done)});
   }
   wake_.notify_one();
   return true;
}

std::size_t PasswordChecker::waiting() const {
   std::lock_guard lock(mutex_);
   return jobs_.size();
}

void PasswordChecker::work(std::stop_token stop) {
   // Idempotent and thread-safe; before the first random bytes. Without it every check fails.
   const bool ready = sodium_init() >= 0;
   for (;;) {
      Job job;
      {
         std::unique_lock lock(mutex_);
         wake_.wait(lock, stop, [this] { return !jobs_.empty(); });
         if (stop.stop_requested()) return;  // the waiting checks are dropped by the destructor
         job = std::move(jobs_.front());
         jobs_.pop_front();
      }
      if (ready && dummy_hash_.empty()) {
         std::array<unsigned char, 32> noise{};
         randombytes_buf(noise.data(), noise.size());
         dummy_hash_ = hash_password(std::string_view(reinterpret_cast<const char *>(noise.data()), noise.size()),
                                     dummy_cost_);
      }
      PasswordResult result = ready ? check_password(job.stored, job.password, dummy_hash_)
                                    : PasswordResult{false, "libsodium cannot start"};
      wipe(job.password);
      if (job.done) job.done(std::move(result));
   }
}

}  // namespace portier::kernel
