// SPDX-License-Identifier: GPL-3.0-or-later
// The keys the presence plugin watches, kept equal to the wanted set by sending only the
// difference, in batches. A batch the plugin refuses as busy (PORTIER_ERR_BUSY) stays pending
// for the next flush(), which the owner calls from a loop timer. Engine thread only.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include <portier/status.h>

namespace portier::kernel {

inline constexpr std::size_t kSubscribeBatch = 1000;

// Calls the plugin's subscribe (true) or unsubscribe (false) with one batch of keys of the
// subscription's key type; `why` gets the plugin's message on failure.
using PresenceCall = std::function<portier_status(bool subscribe, const std::vector<const char *> &keys,
                                                  std::string &why)>;

class PresenceSubscriptions {
public:
   // Sets the keys that should be watched; flush() sends the difference.
   void want(std::set<std::string> keys) { wanted_ = std::move(keys); }
   // Adds or takes away one wanted key, for a phone-book change of a few contacts.
   void want_key(std::string key) { wanted_.insert(std::move(key)); }
   void drop_key(const std::string &key) { wanted_.erase(key); }
   // The plugin lost its subscriptions (it was restarted): everything wanted is sent again.
   void forget_sent() { sent_.clear(); }
   // Sends what differs between wanted and sent, removals first, in batches. Stops at the first
   // refused batch and returns its status (`why` says why); PORTIER_OK when everything was sent.
   // What was refused stays pending for the next flush.
   portier_status flush(const PresenceCall &call, std::string &why);
   // True when nothing waits to be sent.
   bool settled() const { return wanted_ == sent_; }

   std::size_t wanted() const { return wanted_.size(); }
   std::size_t sent() const { return sent_.size(); }
   std::uint64_t batches() const { return batches_; }

private:
   std::set<std::string> wanted_;
   std::set<std::string> sent_;   // what the plugin accepted
   std::uint64_t batches_ = 0;    // calls made, for tests and the log
};

}  // namespace portier::kernel
