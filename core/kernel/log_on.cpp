// SPDX-License-Identifier: GPL-3.0-or-later
#include "kernel/log_on.h"

#include <chrono>
#include <thread>

#include "kernel/log.h"
#include "kernel/wall_time.h"

namespace portier::kernel {
namespace {

constexpr std::string_view kSource = "kernel";
constexpr std::size_t kMaxNameBytes = 256;       // tenant, user, remote as sent
constexpr std::size_t kMaxPasswordBytes = 1024;
constexpr int kPostAttempts = 100;               // the engine queue full: retry for up to 2 s
constexpr auto kPostRetry = std::chrono::milliseconds(20);

nlohmann::json invalid(std::string message) {
   return {{"ok", false}, {"error", "invalid"}, {"message", std::move(message)}};
}

// The string field `key`: nullopt (and `why` set) when absent and required, not a string, or too long.
std::optional<std::string> text_field(const nlohmann::json &request, const char *key, bool required,
                                      std::size_t max_bytes, std::string &why) {
   const auto it = request.find(key);
   if (it == request.end()) {
      if (required) why = std::string("\"") + key + "\" is missing";
      return required ? std::nullopt : std::optional<std::string>(std::string());
   }
   if (!it->is_string()) {
      why = std::string("\"") + key + "\" must be a string";
      return std::nullopt;
   }
   const auto &text = it->get_ref<const std::string &>();
   if (text.size() > max_bytes) {
      why = std::string("\"") + key + "\" is longer than " + std::to_string(max_bytes) + " bytes";
      return std::nullopt;
   }
   if (required && text.empty() && std::string_view(key) != "password") {
      why = std::string("\"") + key + "\" is empty";
      return std::nullopt;
   }
   return text;
}

const engine::Account *find_account(const std::vector<engine::Account> &accounts, std::string_view tenant,
                                    std::string_view user) {
   for (const engine::Account &account : accounts) {
      if (account.tenant == tenant && account.user == user) return &account;
   }
   return nullptr;
}

// For the log line only: what a client typed, with control bytes shown as '?', so it stays one line.
std::string printable(std::string_view text) {
   std::string out = cut_to_bytes(text, kAuditFieldBytes);
   for (char &c : out) {
      if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = '?';
   }
   return out.empty() ? "-" : out;
}

std::string action_for_reason(std::string_view reason) {
   if (reason == "log_off") return "log_off";
   if (reason == "expired") return "session_expired";
   if (reason == "closed") return "session_closed";
   return {};
}

}  // namespace

LogOn::LogOn(EngineLoop &loop, LogOnOptions options)
   : loop_(loop), options_(std::move(options)), checker_(options_.queue, options_.dummy_cost) {}

LogOn::~LogOn() { *alive_ = false; }

bool LogOn::serves(std::string_view type) {
   return type == "authenticate" || type == "session_ended" || type == "audit_log";
}

void LogOn::handle(const nlohmann::json &request, const std::vector<engine::Account> &accounts, Answer answer) {
   const std::string type = request.value("type", std::string());
   if (type == "authenticate") {
      authenticate(request, accounts, std::move(answer));
   } else if (type == "session_ended") {
      session_ended(request, answer);
   } else {
      audit_log(request, answer);
   }
}

void LogOn::authenticate(const nlohmann::json &request, const std::vector<engine::Account> &accounts,
                         Answer answer) {
   std::string why;
   auto tenant = text_field(request, "tenant", true, kMaxNameBytes, why);
   auto user = tenant ? text_field(request, "user", true, kMaxNameBytes, why) : std::nullopt;
   auto password = user ? text_field(request, "password", true, kMaxPasswordBytes, why) : std::nullopt;
   auto remote = password ? text_field(request, "remote", false, kMaxNameBytes, why) : std::nullopt;
   if (!remote) {
      answer(invalid(why));
      return;
   }
   Attempt attempt{std::move(*tenant), std::move(*user), std::move(*remote), "", std::nullopt};
   const std::string key = lockout_account_key(attempt.tenant, attempt.user);
   // While locked no hash is computed: a locked account costs an attacker nothing but costs us nothing either.
   if (const std::int64_t locked_us = locked_for_us(lockout_, key, attempt.remote, loop_.clock().now_us());
       locked_us > 0) {
      const std::int64_t ms = (locked_us + 999) / 1000;
      const std::int64_t seconds = (ms + 999) / 1000;
      audit(attempt.tenant, attempt.user, "log_on_locked", attempt.remote,
            "locked for " + std::to_string(seconds) + " s");
      answer({{"ok", false},
              {"error", "locked"},
              {"retry_after_ms", ms},
              {"message", "too many failed log-ons; try again in " + std::to_string(seconds) + " s"}});
      return;
   }
   const engine::Account *account = find_account(accounts, attempt.tenant, attempt.user);
   engine::AccountPassword stored;  // kind none: checked against the dummy hash
   if (account == nullptr) {
      attempt.why_denied = "unknown account";
   } else if (!account->enabled || account->password.kind == engine::PasswordKind::none) {
      attempt.why_denied = "account disabled";
   } else {
      attempt.account = *account;
      stored = account->password;
   }
   auto shared_answer = std::make_shared<Answer>(std::move(answer));
   auto done = [this, alive = alive_, attempt, shared_answer](PasswordResult result) {
      auto back = [this, alive, attempt, shared_answer, result = std::move(result)]() {
         if (*alive) finish(attempt, result, *shared_answer);
      };
      // Runs on the worker: a full engine queue is waited out a while rather than losing the answer.
      for (int i = 0; i < kPostAttempts; ++i) {
         if (loop_.post(back)) return;
         std::this_thread::sleep_for(kPostRetry);
      }
      log(LogLevel::error, kSource, "log-on of " + printable(attempt.tenant) + "\\" + printable(attempt.user) +
                                        ": engine queue full; the answer is lost");
   };
   if (!checker_.submit(std::move(stored), std::move(*password), std::move(done))) {
      (*shared_answer)({{"ok", false}, {"error", "busy"}, {"message", "too many log-ons at once; try again"}});
   }
}

void LogOn::finish(const Attempt &attempt, const PasswordResult &result, const Answer &answer) {
   const std::string key = lockout_account_key(attempt.tenant, attempt.user);
   if (!result.problem.empty() && attempt.account && told_problems_.insert(key).second) {
      log(LogLevel::warning, kSource,
          "account " + attempt.account->full_name() + ": its password cannot be checked: " + result.problem);
   }
   if (result.accepted && attempt.account) {
      record_success(lockout_, key, attempt.remote);
      told_problems_.erase(key);
      audit(attempt.account->tenant, attempt.account->user, "log_on", attempt.remote, "");
      answer({{"ok", true},
              {"account",
               {{"tenant", attempt.account->tenant},
                {"user", attempt.account->user},
                {"role", std::string(engine::account_role_name(attempt.account->role))}}}});
      return;
   }
   record_failure(lockout_, options_.lockout, key, attempt.remote, loop_.clock().now_us());
   std::string detail = attempt.why_denied;
   if (detail.empty()) detail = result.problem.empty() ? "wrong password" : "password unavailable";
   audit(attempt.tenant, attempt.user, "log_on_failed", attempt.remote, detail);
   answer({{"ok", false}, {"error", "denied"}, {"message", "wrong tenant, user or password"}});
}

void LogOn::session_ended(const nlohmann::json &request, const Answer &answer) {
   std::string why;
   auto tenant = text_field(request, "tenant", true, kMaxNameBytes, why);
   auto user = tenant ? text_field(request, "user", true, kMaxNameBytes, why) : std::nullopt;
   auto remote = user ? text_field(request, "remote", false, kMaxNameBytes, why) : std::nullopt;
   auto reason = remote ? text_field(request, "reason", true, kMaxNameBytes, why) : std::nullopt;
   if (!reason) {
      answer(invalid(why));
      return;
   }
   const std::string action = action_for_reason(*reason);
   if (action.empty()) {
      answer(invalid("\"reason\" must be log_off, expired or closed"));
      return;
   }
   audit(*tenant, *user, action, *remote, "");
   answer({{"ok", true}});
}

void LogOn::audit_log(const nlohmann::json &request, const Answer &answer) {
   AuditQuery query;
   std::string why;
   if (request.contains("tenant")) {
      auto tenant = text_field(request, "tenant", true, kMaxNameBytes, why);
      if (!tenant) {
         answer(invalid(why));
         return;
      }
      query.tenant = std::move(*tenant);
   }
   if (const auto it = request.find("limit"); it != request.end()) {
      if (!it->is_number_integer() || it->get<std::int64_t>() < 1 || it->get<std::int64_t>() > kAuditMaxLimit) {
         answer(invalid("\"limit\" must be an integer from 1 to " + std::to_string(kAuditMaxLimit)));
         return;
      }
      query.limit = it->get<int>();
   }
   if (const auto it = request.find("before"); it != request.end()) {
      if (!it->is_number_integer() || it->get<std::int64_t>() < 1) {
         answer(invalid("\"before\" must be an audit entry's id"));
         return;
      }
      query.before = it->get<std::int64_t>();
   }
   Store *db = store();
   if (db == nullptr) {
      answer({{"ok", false}, {"error", "unavailable"}, {"message", "the audit log is not available (no store)"}});
      return;
   }
   std::string error;
   const auto entries = query_audit(*db, query, error);
   if (!error.empty()) {
      log(LogLevel::error, kSource, "audit log query failed: " + error);
      answer({{"ok", false}, {"error", "unavailable"}, {"message", "the audit log cannot be read"}});
      return;
   }
   nlohmann::json list = nlohmann::json::array();
   for (const AuditEntry &e : entries) {
      list.push_back({{"id", e.id},
                      {"time", e.time},
                      {"tenant", e.tenant},
                      {"user", e.user},
                      {"action", e.action},
                      {"remote", e.remote},
                      {"detail", e.detail}});
   }
   answer({{"ok", true}, {"entries", std::move(list)}});
}

void LogOn::audit(std::string_view tenant, std::string_view user, std::string_view action, std::string_view remote,
                  std::string_view detail) {
   log(LogLevel::info, kSource,
       std::string(action) + " " + printable(tenant) + "\\" + printable(user) + " from " + printable(remote) +
           (detail.empty() ? "" : ": " + std::string(detail)));
   Store *db = store();
   if (db == nullptr) return;
   AuditEntry entry{0, utc_now_iso_ms(), std::string(tenant), std::string(user), std::string(action),
                    std::string(remote), std::string(detail)};
   std::string error;
   if (!append_audit(*db, entry, error)) {
      log(LogLevel::error, kSource, "cannot write the audit log: " + error);
   }
}

Store *LogOn::store() {
   if (store_) return &*store_;
   if (store_failed_ || options_.store_path.empty()) return nullptr;
   std::string error;
   store_ = Store::open(options_.store_path, error);
   if (!store_) {
      store_failed_ = true;
      log(LogLevel::error, kSource, "the audit log is off: " + error);
      return nullptr;
   }
   return &*store_;
}

}  // namespace portier::kernel
