// SPDX-License-Identifier: GPL-3.0-or-later
// Password checks against argon2id hashes: inline, from an environment variable or a file, and
// the dummy check for accounts that cannot log on.
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <future>

#include <catch2/catch.hpp>

#include "kernel/password_check.h"
#include "temp_dir.h"
#include "test_hashes.h"

using namespace portier::kernel;
using portier::engine::AccountPassword;
using portier::engine::PasswordKind;
using portier::kernel::test::TempDir;
using namespace portier::kernel::test;

namespace {

const HashCost kCheap{1, 8u * 1024 * 1024};

AccountPassword inline_hash(const std::string &hash) { return AccountPassword{PasswordKind::argon2id, hash}; }

// The shortest of a few runs, so a busy machine's pauses do not count.
template <typename Fn>
std::chrono::nanoseconds fastest_of(int runs, Fn fn) {
   auto best = std::chrono::nanoseconds::max();
   for (int i = 0; i < runs; ++i) {
      const auto start = std::chrono::steady_clock::now();
      fn();
      best = std::min(best, std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - start));
   }
   return best;
}

}  // namespace

TEST_CASE("the right password is accepted and a wrong one is not", "[password]") {
   CHECK(check_password(inline_hash(kAnnaHash), "secret-anna", "").accepted);
   const auto wrong = check_password(inline_hash(kAnnaHash), "secret-bob", "");
   CHECK_FALSE(wrong.accepted);
   CHECK(wrong.problem.empty());
}

TEST_CASE("a hash made by hash_password verifies its password", "[password]") {
   const std::string hash = hash_password("correct horse", kCheap);
   CHECK(hash.rfind("$argon2id$v=19$m=8192,t=1,p=1$", 0) == 0);
   CHECK(check_password(inline_hash(hash), "correct horse", "").accepted);
   CHECK_FALSE(check_password(inline_hash(hash), "correct horsE", "").accepted);
}

TEST_CASE("an account without a usable password is checked against the dummy hash and never accepted",
          "[password]") {
   // The dummy is anna's hash with her password: even a matching dummy does not let anyone in.
   CHECK_FALSE(check_password(AccountPassword{}, "secret-anna", kAnnaHash).accepted);
   // And it costs a real check: the name's existence does not show in the timing. A skipped
   // check would take microseconds against tens of milliseconds, so a factor of 10 tells the two
   // apart even when a loaded machine (ASan, parallel tests) stretches one of the measurements.
   const std::string dear = hash_password("x", HashCost{2, 16u * 1024 * 1024});
   REQUIRE_FALSE(dear.empty());
   const auto real = fastest_of(3, [&] { check_password(inline_hash(dear), "guess", dear); });
   const auto unknown = fastest_of(3, [&] { check_password(AccountPassword{}, "guess", dear); });
   CHECK(unknown * 10 > real);
}

TEST_CASE("a hash in an environment variable is read at check time", "[password]") {
   const AccountPassword from_env{PasswordKind::env, "PORTIER_TEST_ANNA_HASH"};
   ::unsetenv("PORTIER_TEST_ANNA_HASH");
   const auto missing = check_password(from_env, "secret-anna", kAnnaHash);
   CHECK_FALSE(missing.accepted);
   CHECK(missing.problem.find("PORTIER_TEST_ANNA_HASH") != std::string::npos);
   ::setenv("PORTIER_TEST_ANNA_HASH", kAnnaHash.c_str(), 1);
   CHECK(check_password(from_env, "secret-anna", kAnnaHash).accepted);
   CHECK_FALSE(check_password(from_env, "secret-bob", kAnnaHash).accepted);
   ::setenv("PORTIER_TEST_ANNA_HASH", "secret-anna", 1);  // a clear password is no hash
   const auto clear = check_password(from_env, "secret-anna", kAnnaHash);
   CHECK_FALSE(clear.accepted);
   CHECK(clear.problem.find("secret-anna") == std::string::npos);
   ::unsetenv("PORTIER_TEST_ANNA_HASH");
}

TEST_CASE("a hash in a file is read at check time, its trailing newline ignored", "[password]") {
   TempDir dir;
   const auto file = dir.path() / "anna.hash";
   const AccountPassword from_file{PasswordKind::file, file.string()};
   const auto missing = check_password(from_file, "secret-anna", kAnnaHash);
   CHECK_FALSE(missing.accepted);
   CHECK(missing.problem.find(file.string()) != std::string::npos);
   std::ofstream(file) << kAnnaHash << "\n";
   CHECK(check_password(from_file, "secret-anna", kAnnaHash).accepted);
   CHECK_FALSE(check_password(from_file, "wrong", kAnnaHash).accepted);
}

TEST_CASE("the checker runs checks on its worker thread and reports each result", "[password]") {
   PasswordChecker checker(4, kCheap);
   std::promise<PasswordResult> right;
   std::promise<PasswordResult> unknown;
   const auto caller = std::this_thread::get_id();
   std::promise<std::thread::id> worker;
   REQUIRE(checker.submit(inline_hash(kAnnaHash), "secret-anna", [&](PasswordResult r) {
      worker.set_value(std::this_thread::get_id());
      right.set_value(std::move(r));
   }));
   REQUIRE(checker.submit(AccountPassword{}, "secret-anna", [&](PasswordResult r) { unknown.set_value(std::move(r)); }));
   CHECK(right.get_future().get().accepted);
   CHECK_FALSE(unknown.get_future().get().accepted);
   CHECK(worker.get_future().get() != caller);
}

TEST_CASE("the checker refuses a check when its queue is full", "[password]") {
   PasswordChecker checker(2, kCheap);
   int refused = 0;
   std::atomic<int> done{0};
   for (int i = 0; i < 12; ++i) {
      if (!checker.submit(inline_hash(kAnnaHash), "wrong", [&](PasswordResult) { ++done; })) ++refused;
   }
   CHECK(refused >= 8);  // at most one in progress and two waiting while we submit
   for (int i = 0; i < 1000 && done.load() + refused < 12; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
   CHECK(done.load() + refused == 12);
}
