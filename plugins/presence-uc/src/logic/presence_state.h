// SPDX-License-Identifier: GPL-3.0-or-later
// One JID's presence as its <presence> stanzas left it (RFC 6121 §4.7), per resource, folded
// into one Portier state: the highest-priority resource wins, and among equal priorities the
// most available one. No <show> or "chat" -> available, "away" -> away, "xa" -> away (extended),
// "dnd" -> do not disturb, no resource left -> offline; a type="error" presence -> unknown.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "presence_value.h"

namespace portier::uc {

// The parts of a <presence> stanza that matter here, as read off the wire.
struct PresenceStanza {
   std::string from;      // full or bare JID
   std::string type;      // "" (available), "unavailable", "error", "subscribe", ...
   std::string show;      // <show> text, "" when absent
   std::string status;    // <status> text, "" when absent
   int priority = 0;      // <priority>, -128..127 (RFC 6121 §4.7.2.3)
};

// What a Portier presence event carries besides its key and time (lib-http's, shared by the
// presence plugins).
using PortierPresence = http::PresenceValue;

// The state of one <show> value (no resource involved).
PortierPresence from_show(const std::string &show, const std::string &status);

// Reads <priority> text; anything unreadable counts as 0, out-of-range values are clamped.
int parse_priority(const std::string &text);

class JidPresence {
public:
   // Takes one stanza addressed from this JID. Returns false for types that say nothing about
   // availability (subscription requests, probes), which leave the state as it was.
   bool apply(const PresenceStanza &stanza);

   // Forgets every resource: the connection that reported them is gone.
   void clear() noexcept;

   PortierPresence state() const;

private:
   struct Resource {
      std::string show;
      std::string status;
      int priority = 0;
   };
   static constexpr std::size_t kMaxResources = 32;  // a JID with more is misbehaving; oldest kept
   std::map<std::string, Resource> resources_;
   bool error_ = false;
};

}  // namespace portier::uc
