// SPDX-License-Identifier: GPL-3.0-or-later
// The keys the engine subscribed and the JID each names. Several keys may name one JID (an
// extension and an e-mail of the same person); a stanza from that JID is reported for each.
// It outlives connections: subscriptions are kept across reconnects.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace portier::uc {

struct WatchedKey {
   std::int32_t type = 0;  // PORTIER_PRESENCE_KEY_*
   std::string key;
   bool operator==(const WatchedKey &) const = default;
};

class WatchList {
public:
   // Watches `key` as `jid`; a key already watched moves to the new JID. True when `jid` was
   // not watched before (the caller may have to ask for its presence).
   bool add(const WatchedKey &key, const std::string &jid);

   // Stops watching `key`; an unknown key is ignored.
   void remove(const WatchedKey &key);

   // The keys naming `jid`, or nullptr when none does.
   const std::vector<WatchedKey> *keys_of(const std::string &jid) const;

   // Every watched JID with its keys.
   const std::unordered_map<std::string, std::vector<WatchedKey>> &by_jid() const noexcept { return by_jid_; }

   std::size_t key_count() const noexcept { return jid_of_.size(); }
   std::size_t jid_count() const noexcept { return by_jid_.size(); }

private:
   static std::string id(const WatchedKey &key) { return std::to_string(key.type) + ":" + key.key; }

   std::unordered_map<std::string, std::vector<WatchedKey>> by_jid_;
   std::unordered_map<std::string, std::string> jid_of_;  // id(key) -> JID
};

}  // namespace portier::uc
