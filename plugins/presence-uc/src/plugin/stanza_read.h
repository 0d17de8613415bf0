// SPDX-License-Identifier: GPL-3.0-or-later
// libstrophe stanzas read into presence.uc's own types, so the rest never touches the C API.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include <strophe.h>

#include "presence_state.h"

namespace portier::uc {

// The roster namespace (RFC 6121 2.1), for the queries presence_link sends and the items read here.
constexpr const char *kRosterNs = "jabber:iq:roster";

// Longest <status> text kept; the event's note field is shorter still.
constexpr std::size_t kMaxStatus = 1024;

PresenceStanza read_presence(xmpp_stanza_t *stanza);

// The items of a jabber:iq:roster <query> (result or push): bare JID -> subscription
// ("none", "to", "from", "both", "remove").
std::vector<std::pair<std::string, std::string>> read_roster_items(xmpp_stanza_t *iq);

// True for a subscription that lets us see the contact's presence.
bool grants_presence(const std::string &subscription);

}  // namespace portier::uc
