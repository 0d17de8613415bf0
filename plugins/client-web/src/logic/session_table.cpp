// SPDX-License-Identifier: GPL-3.0-or-later
#include "session_table.h"

#include <algorithm>
#include <utility>

#include "random_token.h"
#include "session_hash.h"

namespace portier::web {
namespace {

bool same_account(const Account &a, const Account &b) { return a.tenant == b.tenant && a.user == b.user; }

}  // namespace

bool SessionTable::expired(const Session &s, SteadyTime now) const { return now >= expires_at(s); }

SteadyTime SessionTable::expires_at(const Session &s) const {
   return std::min<SteadyTime>(s.last_seen + limits_.idle, s.created + limits_.max_age);
}

std::optional<SessionTable::Opened> SessionTable::open(Account account, std::string remote, SteadyTime now) {
   auto id = random_token();
   auto csrf = random_token();
   if (!id || !csrf) return std::nullopt;
   Opened out;
   // The account's sessions, oldest first; those beyond the bound (counting the new one) end.
   std::vector<const Session *> mine;
   for (const auto &[key, s] : sessions_) {
      if (same_account(s.account, account)) mine.push_back(&s);
   }
   std::sort(mine.begin(), mine.end(), [](const Session *a, const Session *b) { return a->created < b->created; });
   const std::size_t keep = limits_.per_account > 0 ? limits_.per_account - 1 : 0;
   std::vector<std::string> ending;
   for (std::size_t i = 0; i + keep < mine.size(); ++i) ending.push_back(mine[i]->id_hash);
   for (const std::string &old : ending) {
      const auto it = sessions_.find(old);
      out.ended.push_back(std::move(it->second));
      sessions_.erase(it);
   }
   std::string hash = session_id_hash(*id);
   out.session = Session{*id, *csrf, std::move(account), std::move(remote), now, now, hash, now};
   sessions_.emplace(std::move(hash), out.session);
   return out;
}

const Session *SessionTable::touch(std::string_view id, SteadyTime now) {
   const auto it = sessions_.find(session_id_hash(id));
   if (it == sessions_.end() || expired(it->second, now)) return nullptr;
   it->second.last_seen = now;
   if (it->second.id.empty()) it->second.id = std::string(id);  // restored: its cookie is back
   return &it->second;
}

const Session *SessionTable::find(std::string_view id, SteadyTime now) const {
   const auto it = sessions_.find(session_id_hash(id));
   if (it == sessions_.end() || expired(it->second, now)) return nullptr;
   return &it->second;
}

std::optional<Session> SessionTable::end(std::string_view id) {
   const auto it = sessions_.find(session_id_hash(id));
   if (it == sessions_.end()) return std::nullopt;
   Session s = std::move(it->second);
   sessions_.erase(it);
   return s;
}

std::vector<Session> SessionTable::expire(SteadyTime now) {
   std::vector<Session> out;
   for (auto it = sessions_.begin(); it != sessions_.end();) {
      if (expired(it->second, now)) {
         out.push_back(std::move(it->second));
         it = sessions_.erase(it);
      } else {
         ++it;
      }
   }
   return out;
}

bool SessionTable::restore(Session s, SteadyTime now) {
   if (s.id_hash.empty() || expired(s, now)) return false;
   s.saved_seen = s.last_seen;
   std::string key = s.id_hash;
   return sessions_.emplace(std::move(key), std::move(s)).second;
}

std::vector<Session> SessionTable::due_saves(std::chrono::seconds every) {
   std::vector<Session> out;
   for (auto &[key, s] : sessions_) {
      if (s.last_seen - s.saved_seen >= every) {
         s.saved_seen = s.last_seen;
         out.push_back(s);
      }
   }
   return out;
}

}  // namespace portier::web
