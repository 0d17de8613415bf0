// SPDX-License-Identifier: GPL-3.0-or-later
// The UCWA event channel's answer (docs/protocols/presence-calendar.md §5.3): the `next` link to
// follow and what changed. Presence events carry only a link, so the caller reads the presence
// itself; presenceSubscription events say a subscription is about to expire (updated) or gone
// (deleted).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <portier/result.hpp>

namespace portier::skype {

// Beyond this many events in one answer the rest is ignored (their presences are read at the
// next full read anyway).
constexpr std::size_t kMaxEventsPerAnswer = 10'000;

struct EventAnswer {
   std::string next;                               // _links.next.href, "" when absent
   std::vector<std::string> presence_hrefs;        // contactPresence links, as sent
   std::vector<std::string> subscriptions_updated; // presenceSubscription hrefs about to expire
   std::vector<std::string> subscriptions_deleted; // presenceSubscription hrefs removed by the server
};

// Fails (PORTIER_ERR_INVALID) when the body is not a JSON object; an empty answer (a timeout)
// has only `next`. [any]
Result<EventAnswer> parse_events(std::string_view body);

}  // namespace portier::skype
