// SPDX-License-Identifier: GPL-3.0-or-later
// The log-on sessions client plugins ask the core to keep over a restart (migration 5). A row is
// keyed by the plugin instance and a hash of the session id: the id itself (the cookie) never
// reaches the store, so reading the database does not let anyone into a console.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "kernel/store.h"

namespace portier::kernel {

inline constexpr std::size_t kMaxSavedSessions = 10'000;  // per plugin instance

struct SavedSession {
   std::string id_hash;  // SHA-256 of the session id, 64 lower-case hex digits
   std::string tenant;
   std::string user;
   std::string role;     // as at the save; session_list answers the configuration's
   std::string csrf;     // the CSRF token itself: the browser is given it again (client-api.md)
   std::string remote;   // the peer at log-on, for the audit of the session's end
   std::int64_t created_ms = 0;    // Unix time, ms
   std::int64_t last_seen_ms = 0;
   std::int64_t expires_ms = 0;    // gone after this, whatever the plugin says
};

// Inserts or replaces the row of (plugin, s.id_hash). False with `error` set on failure or when
// the plugin already keeps kMaxSavedSessions other rows.
bool save_session(Store &store, std::string_view plugin, const SavedSession &s, std::string &error);
// Deletes the row; true also when there was none.
bool drop_session(Store &store, std::string_view plugin, std::string_view id_hash, std::string &error);
// Every row of `plugin`, oldest first.
std::vector<SavedSession> saved_sessions(const Store &store, std::string_view plugin, std::string &error);
// Deletes the rows of every plugin that expired at or before `now_ms`; how many, or -1 on error.
std::int64_t purge_expired_sessions(Store &store, std::int64_t now_ms, std::string &error);

}  // namespace portier::kernel
