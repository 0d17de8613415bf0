// SPDX-License-Identifier: GPL-3.0-or-later
// `portier password-hash`: a hash the kernel's log-on check accepts, and its refusals.
#include <sstream>

#include <catch2/catch.hpp>

#include "cli/arguments.h"
#include "cli/commands.h"
#include "kernel/password_check.h"

namespace {

struct HashRun {
   int exit_code = -1;
   std::string out;
   std::string err;
};

HashRun hash_with(const std::vector<std::string> &args, const std::string &stdin_text) {
   auto parsed = portier::cli::parse_arguments(args);
   REQUIRE(std::holds_alternative<portier::cli::Invocation>(parsed));
   std::istringstream in(stdin_text);
   std::ostringstream out;
   std::ostringstream err;
   HashRun run;
   run.exit_code = portier::cli::password_hash_from(std::get<portier::cli::Invocation>(parsed), in, out, err);
   run.out = out.str();
   run.err = err.str();
   return run;
}

}  // namespace

TEST_CASE("password-hash prints an argon2id hash that verifies the password from stdin", "[cli]") {
   const auto run = hash_with({"password-hash", "--ops", "1", "--mem-kib", "8192"}, "s3cret pass\n");
   REQUIRE(run.exit_code == 0);
   REQUIRE(run.out.size() > 1);
   CHECK(run.out.rfind("$argon2id$v=19$m=8192,t=1,p=1$", 0) == 0);
   CHECK(run.out.back() == '\n');
   const std::string hash = run.out.substr(0, run.out.size() - 1);
   using portier::engine::AccountPassword;
   using portier::engine::PasswordKind;
   CHECK(portier::kernel::check_password(AccountPassword{PasswordKind::argon2id, hash}, "s3cret pass", "").accepted);
   CHECK(run.out.find("s3cret") == std::string::npos);
}

TEST_CASE("password-hash refuses an empty password and an out-of-range cost", "[cli]") {
   CHECK(hash_with({"password-hash", "--ops", "1", "--mem-kib", "8192"}, "\n").exit_code == 1);
   CHECK(hash_with({"password-hash", "--ops", "0"}, "pw\n").exit_code == 2);
   CHECK(hash_with({"password-hash", "--mem-kib", "4"}, "pw\n").exit_code == 2);
   CHECK(hash_with({"password-hash", "--mem-kib", "lots"}, "pw\n").exit_code == 2);
   CHECK(hash_with({"password-hash", "--ops", "1", "--mem-kib", "8192"}, std::string(2000, 'x')).exit_code == 1);
}

TEST_CASE("the cost options belong to password-hash only, which takes no operand", "[cli]") {
   CHECK(std::holds_alternative<portier::cli::UsageError>(portier::cli::parse_arguments({"status", "--ops", "1"})));
   CHECK(std::holds_alternative<portier::cli::UsageError>(portier::cli::parse_arguments({"password-hash", "pw"})));
}
