// SPDX-License-Identifier: GPL-3.0-or-later
// The logged-on sessions of client.web, on the I/O thread: each has a random id (the cookie), a
// CSRF token and the account the core confirmed. A session ends when it is idle too long, when
// it is too old in all, when its user logs off, or when the same account opens more than
// per_account sessions (the oldest ends). Time is passed in, so tests need no clock. Sessions are
// found by the SHA-256 of their id (saved_sessions.h): those restored after a restart of
// portierd are known only by that hash until their cookie comes back.
#pragma once

#include <chrono>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "account.h"

namespace portier::web {

using SteadyTime = std::chrono::steady_clock::time_point;

struct SessionLimits {
   std::chrono::minutes idle{480};
   std::chrono::hours max_age{12};
   std::size_t per_account = 8;
};

struct Session {
   std::string id;    // the cookie's value; "" for a restored session not seen since
   std::string csrf;  // what X-CSRF-Token must carry
   Account account;
   std::string remote;  // the peer address at log-on, for the audit log
   SteadyTime created;
   SteadyTime last_seen;
   std::string id_hash;    // session_id_hash(id): the table's key and all the core keeps
   SteadyTime saved_seen;  // the last_seen the core has (write-through is throttled)
};

class SessionTable {
public:
   explicit SessionTable(SessionLimits limits) : limits_(limits) {}

   struct Opened {
      Session session;
      std::vector<Session> ended;  // older sessions of the account beyond per_account
   };
   // A new session for `account`; nullopt when no random token could be made.
   std::optional<Opened> open(Account account, std::string remote, SteadyTime now);
   // The live session with that id, its idle clock restarted; nullptr for an unknown, ended or
   // expired id (an expired one stays until expire() reports it).
   const Session *touch(std::string_view id, SteadyTime now);
   // The live session with that id, without restarting its clock.
   const Session *find(std::string_view id, SteadyTime now) const;
   // Ends the session (log-off); nullopt when there was none.
   std::optional<Session> end(std::string_view id);
   // Ends and returns every session idle or old beyond the limits.
   std::vector<Session> expire(SteadyTime now);
   // Takes back a session the core kept over a restart (s.id empty, s.id_hash set); false when
   // it has expired or its hash is already here. The per-account bound is not applied: the
   // next log-on of the account applies it.
   bool restore(Session s, SteadyTime now);
   // The sessions whose last_seen moved on by `every` or more since the core last had it,
   // marked as saved: at most one write per session and `every`.
   std::vector<Session> due_saves(std::chrono::seconds every);
   // When `s` ends by itself: the earlier of its idle and max-age limits.
   SteadyTime expires_at(const Session &s) const;

   std::size_t size() const { return sessions_.size(); }
   const SessionLimits &limits() const { return limits_; }

private:
   bool expired(const Session &s, SteadyTime now) const;

   SessionLimits limits_;
   std::map<std::string, Session, std::less<>> sessions_;  // by id_hash
};

}  // namespace portier::web
