// SPDX-License-Identifier: GPL-3.0-or-later
#include "watch_list.h"

#include <algorithm>

namespace portier::uc {

bool WatchList::add(const WatchedKey &key, const std::string &jid) {
   const std::string name = id(key);
   if (const auto found = jid_of_.find(name); found != jid_of_.end()) {
      if (found->second == jid) return false;
      remove(key);
   }
   auto [entry, inserted] = by_jid_.try_emplace(jid);
   entry->second.push_back(key);
   jid_of_[name] = jid;
   return inserted;
}

void WatchList::remove(const WatchedKey &key) {
   const auto found = jid_of_.find(id(key));
   if (found == jid_of_.end()) return;
   const auto entry = by_jid_.find(found->second);
   if (entry != by_jid_.end()) {
      std::erase(entry->second, key);
      if (entry->second.empty()) by_jid_.erase(entry);
   }
   jid_of_.erase(found);
}

const std::vector<WatchedKey> *WatchList::keys_of(const std::string &jid) const {
   const auto found = by_jid_.find(jid);
   return found == by_jid_.end() ? nullptr : &found->second;
}

}  // namespace portier::uc
