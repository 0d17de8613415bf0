// SPDX-License-Identifier: GPL-3.0-or-later
// The client-API commands the kernel answers itself, for log-on: authenticate, session_ended and
// audit_log (docs/sdk/client-api.md). Password hashes never leave the core: a client plugin asks,
// the kernel checks. Everything here runs on the engine thread except the password check, which
// goes to the PasswordChecker's worker and comes back through the engine loop.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/model/account.h"
#include "kernel/audit_log.h"
#include "kernel/engine_loop.h"
#include "kernel/lockout.h"
#include "kernel/password_check.h"
#include "kernel/store.h"

namespace portier::kernel {

struct LogOnOptions {
   std::filesystem::path store_path;  // the audit table's store; "" keeps no audit
   LockoutPolicy lockout;
   std::size_t queue = 16;            // password checks that may wait
   HashCost dummy_cost = interactive_hash_cost();
};

class LogOn {
public:
   // Receives an answer's fields ("ok", ...) exactly once, on the engine thread.
   using Answer = std::function<void(nlohmann::json fields)>;

   LogOn(EngineLoop &loop, LogOnOptions options);
   ~LogOn();
   LogOn(const LogOn &) = delete;
   LogOn &operator=(const LogOn &) = delete;

   // True for the request types answered here.
   static bool serves(std::string_view type);
   // `accounts` are those of the configuration in force; copied as far as needed. [engine]
   void handle(const nlohmann::json &request, const std::vector<engine::Account> &accounts, Answer answer);

   const LockoutState &lockout() const { return lockout_; }

private:
   struct Attempt {
      std::string tenant;
      std::string user;
      std::string remote;
      const char *why_denied = "";       // for the audit row: unknown account, disabled, ...
      std::optional<engine::Account> account;  // set when it may log on
   };

   void authenticate(const nlohmann::json &request, const std::vector<engine::Account> &accounts, Answer answer);
   void finish(const Attempt &attempt, const PasswordResult &result, const Answer &answer);
   void session_ended(const nlohmann::json &request, const Answer &answer);
   void audit_log(const nlohmann::json &request, const Answer &answer);
   void audit(std::string_view tenant, std::string_view user, std::string_view action, std::string_view remote,
              std::string_view detail);
   Store *store();

   EngineLoop &loop_;
   LogOnOptions options_;
   LockoutState lockout_;
   std::optional<Store> store_;
   bool store_failed_ = false;           // told once in the log, then no audit
   std::set<std::string> told_problems_;  // accounts whose unreadable password was logged
   std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);  // read on the engine thread only
   PasswordChecker checker_;              // last: joined before the rest goes
};

}  // namespace portier::kernel
