// SPDX-License-Identifier: GPL-3.0-or-later
// Which contacts a console watches, and which console gets a contact_state event
// (docs/client-web.md, "Contact state"). A console sends {"type":"watch_contacts","ids":[...]}
// whenever the contacts on its screen change; the plugin answers it itself and keeps the set per
// console. The engine's contact_state events go only to consoles of the event's tenant (every
// tenant for "*") that watch its contact id; one without a usable tenant or id goes nowhere.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <variant>

#include "tenant_scope.h"

namespace portier::web {

inline constexpr std::size_t kMaxWatchedContacts = 500;
using WatchSet = std::set<std::int64_t>;

// A watch_contacts command's "ids": an array of at most kMaxWatchedContacts positive integers
// (repeats count once). The set, or why not (the console gets "invalid" with it).
std::variant<WatchSet, std::string> read_watch_ids(std::string_view command);

// What client.web needs of a contact_state event (JSON object text).
struct ContactStateEvent {
   std::string tenant;  // one tenant, or "*"
   std::int64_t contact_id = 0;
};
// The event's tenant and contact id; nullopt when `event` is no contact_state event, or one
// without a string tenant and a positive contact id (delivered to nobody).
std::optional<ContactStateEvent> read_contact_state(std::string_view event);
// True when `event` is a contact_state event at all, well-formed or not.
bool is_contact_state(std::string_view event);

// Whether a console of `scope` watching `watching` gets the event.
bool wants_contact_state(const ContactStateEvent &event, const Scope &scope, const WatchSet &watching);

}  // namespace portier::web
