// SPDX-License-Identifier: GPL-3.0-or-later
#include "kernel/session_commands.h"

#include <string>

#include "kernel/log.h"
#include "kernel/session_store.h"

namespace portier::kernel {
namespace {

constexpr std::string_view kSessionsLogSource = "kernel";
constexpr std::size_t kMaxSessionNameBytes = 256;  // tenant, user, remote
constexpr std::size_t kMaxSessionCsrfBytes = 128;
constexpr std::size_t kIdHashHexDigits = 64;  // SHA-256
constexpr const char *kNotAHash = "\"id_hash\" must be the SHA-256 of the session id in lower-case hex";

nlohmann::json invalid_session_request(std::string message) {
   return {{"ok", false}, {"error", "invalid"}, {"message", std::move(message)}};
}

nlohmann::json sessions_unavailable(std::string message) {
   return {{"ok", false}, {"error", "unavailable"}, {"message", std::move(message)}};
}

// A hash, not an id: a plugin that sent its cookie value by mistake is told so, not stored.
bool is_id_hash(std::string_view text) {
   if (text.size() != kIdHashHexDigits) return false;
   for (const char c : text) {
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
   }
   return true;
}

bool session_text_field(const nlohmann::json &request, const char *key, std::size_t max_bytes, bool may_be_empty,
                std::string &out, std::string &why) {
   const auto it = request.find(key);
   if (it == request.end() || !it->is_string()) {
      why = std::string("\"") + key + "\" must be a string";
      return false;
   }
   out = it->get<std::string>();
   if (out.size() > max_bytes || (out.empty() && !may_be_empty)) {
      why = std::string("\"") + key + "\" must be 1 to " + std::to_string(max_bytes) + " bytes";
      return false;
   }
   return true;
}

bool session_time_field(const nlohmann::json &request, const char *key, std::int64_t &out, std::string &why) {
   const auto it = request.find(key);
   if (it == request.end() || !it->is_number_integer() || it->get<std::int64_t>() < 0) {
      why = std::string("\"") + key + "\" must be a Unix time in ms";
      return false;
   }
   out = it->get<std::int64_t>();
   return true;
}

// The account as configured now, when it may still be logged on.
const engine::Account *account_that_may_log_on(const std::vector<engine::Account> &accounts, std::string_view tenant,
                                      std::string_view user) {
   for (const engine::Account &a : accounts) {
      if (a.tenant == tenant && a.user == user) {
         return a.enabled && a.password.kind != engine::PasswordKind::none ? &a : nullptr;
      }
   }
   return nullptr;
}

}  // namespace

bool SessionCommands::serves(std::string_view type) {
   return type == "session_save" || type == "session_drop" || type == "session_list";
}

nlohmann::json SessionCommands::handle(const nlohmann::json &request, std::string_view plugin,
                                       const std::vector<engine::Account> &accounts, std::int64_t now_ms) {
   const std::string type = request.value("type", std::string());
   if (type == "session_save") return save(request, plugin, accounts, now_ms);
   if (type == "session_drop") return drop(request, plugin);
   return list(plugin, accounts, now_ms);
}

nlohmann::json SessionCommands::save(const nlohmann::json &request, std::string_view plugin,
                                     const std::vector<engine::Account> &accounts, std::int64_t now_ms) {
   SavedSession s;
   std::string why;
   if (!session_text_field(request, "id_hash", kIdHashHexDigits, false, s.id_hash, why) ||
       !session_text_field(request, "tenant", kMaxSessionNameBytes, false, s.tenant, why) ||
       !session_text_field(request, "user", kMaxSessionNameBytes, false, s.user, why) ||
       !session_text_field(request, "role", kMaxSessionNameBytes, false, s.role, why) ||
       !session_text_field(request, "csrf", kMaxSessionCsrfBytes, false, s.csrf, why) ||
       !session_text_field(request, "remote", kMaxSessionNameBytes, true, s.remote, why) ||
       !session_time_field(request, "created_ms", s.created_ms, why) ||
       !session_time_field(request, "last_seen_ms", s.last_seen_ms, why) ||
       !session_time_field(request, "expires_ms", s.expires_ms, why)) {
      return invalid_session_request(why);
   }
   if (!is_id_hash(s.id_hash)) return invalid_session_request(kNotAHash);
   if (s.expires_ms <= now_ms) return invalid_session_request("\"expires_ms\" is not in the future");
   if (account_that_may_log_on(accounts, s.tenant, s.user) == nullptr) {
      return {{"ok", false}, {"error", "denied"}, {"message", "no enabled account " + s.tenant + "\\" + s.user}};
   }
   Store *db = store();
   if (db == nullptr) return sessions_unavailable("sessions cannot be kept (no store)");
   std::string error;
   if (!save_session(*db, plugin, s, error)) {
      log(LogLevel::error, kSessionsLogSource, "plugin " + std::string(plugin) + ": cannot keep a session: " + error);
      return sessions_unavailable("the session cannot be kept");
   }
   return {{"ok", true}};
}

nlohmann::json SessionCommands::drop(const nlohmann::json &request, std::string_view plugin) {
   std::string id_hash;
   std::string why;
   if (!session_text_field(request, "id_hash", kIdHashHexDigits, false, id_hash, why)) {
      return invalid_session_request(why);
   }
   if (!is_id_hash(id_hash)) return invalid_session_request(kNotAHash);
   Store *db = store();
   if (db == nullptr) return sessions_unavailable("sessions cannot be kept (no store)");
   std::string error;
   if (!drop_session(*db, plugin, id_hash, error)) {
      log(LogLevel::error, kSessionsLogSource, "plugin " + std::string(plugin) + ": cannot drop a session: " + error);
      return sessions_unavailable("the session cannot be dropped");
   }
   return {{"ok", true}};
}

nlohmann::json SessionCommands::list(std::string_view plugin, const std::vector<engine::Account> &accounts,
                                     std::int64_t now_ms) {
   Store *db = store();
   if (db == nullptr) return {{"ok", true}, {"sessions", nlohmann::json::array()}, {"dropped", 0}};
   std::string error;
   std::int64_t dropped = purge_expired_sessions(*db, now_ms, error);
   std::vector<SavedSession> rows = error.empty() ? saved_sessions(*db, plugin, error) : std::vector<SavedSession>{};
   if (!error.empty()) {
      log(LogLevel::error, kSessionsLogSource,
          "plugin " + std::string(plugin) + ": cannot read its sessions: " + error);
      return sessions_unavailable("the kept sessions cannot be read");
   }
   nlohmann::json list = nlohmann::json::array();
   for (const SavedSession &s : rows) {
      const engine::Account *account = account_that_may_log_on(accounts, s.tenant, s.user);
      if (account == nullptr) {
         // Removed, disabled or its tenant gone: it never comes back.
         if (drop_session(*db, plugin, s.id_hash, error)) ++dropped;
         continue;
      }
      list.push_back({{"id_hash", s.id_hash},
                      {"tenant", s.tenant},
                      {"user", s.user},
                      {"role", std::string(engine::account_role_name(account->role))},
                      {"csrf", s.csrf},
                      {"remote", s.remote},
                      {"created_ms", s.created_ms},
                      {"last_seen_ms", s.last_seen_ms},
                      {"expires_ms", s.expires_ms}});
   }
   if (!error.empty()) log(LogLevel::error, kSessionsLogSource, "plugin " + std::string(plugin) + ": " + error);
   return {{"ok", true}, {"sessions", std::move(list)}, {"dropped", dropped}};
}

Store *SessionCommands::store() {
   if (store_) return &*store_;
   if (store_failed_ || store_path_.empty()) return nullptr;
   std::string error;
   store_ = Store::open(store_path_, error);
   if (!store_) {
      store_failed_ = true;
      log(LogLevel::error, kSessionsLogSource, "client sessions are not kept: " + error);
      return nullptr;
   }
   return &*store_;
}

}  // namespace portier::kernel
