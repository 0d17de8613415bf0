// SPDX-License-Identifier: GPL-3.0-or-later
// Graph change notifications on presence (docs/protocols/presence-calendar.md §1.4): the bodies
// of POST and PATCH /subscriptions, their answer, Graph's UTC time text, and what a delivery
// to the notification or lifecycle URL carries. Thread-free; the session uses these.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <portier/result.hpp>

namespace portier::teams {

// "/communications/presences?$filter=id in ('a','b')"; `ids` holds 1..650 Graph user ids
// (GUIDs, so no quoting is needed beyond doubling a stray quote).
std::string subscription_resource(const std::vector<std::string> &ids);

struct SubscriptionRequest {
   std::string resource;
   std::string notification_url;
   std::string lifecycle_url;
   std::int64_t expiry_unix_s = 0;
   std::string client_state;
};

// The POST /subscriptions body (changeType updated, includeResourceData false).
std::string subscription_create_body(const SubscriptionRequest &request);

// The PATCH /subscriptions/{id} body.
std::string subscription_renew_body(std::int64_t expiry_unix_s);

struct SubscriptionAnswer {
   std::string id;
   std::int64_t expiry_unix_s = 0;  // as Graph granted it, which may be earlier than asked
};

// The subscription object of a 201 or 200; fails (PORTIER_ERR_INVALID) without an id or a
// readable expirationDateTime.
Result<SubscriptionAnswer> parse_subscription_answer(std::string_view body);

// "2026-03-02T10:45:00.0000000Z" for a Unix time.
std::string graph_utc_text(std::int64_t unix_s);

// Unix seconds of "YYYY-MM-DDTHH:MM:SS[.fraction](Z|+00:00)"; nothing for anything else.
std::optional<std::int64_t> parse_graph_utc(std::string_view text);

// One entry of a delivery's `value`: a change notification (user_id set) or a lifecycle event
// (lifecycle_event set).
struct WebhookItem {
   std::string subscription_id;
   std::string client_state;
   std::string user_id;          // resourceData.id, else the last segment of `resource`
   std::string lifecycle_event;  // reauthorizationRequired, subscriptionRemoved, missed, ...
};

// The entries of a delivery; entries that are not objects are skipped. Fails
// (PORTIER_ERR_INVALID) when the body is not JSON or has no `value` array.
Result<std::vector<WebhookItem>> parse_webhook_body(std::string_view body);

// When to renew a subscription expiring at `expiry_unix_s`, granted at `now_unix_s`: `margin_s`
// before expiry, but at most half the granted lifetime early, so a short grant is still renewed
// in time.
std::int64_t renew_at_unix_s(std::int64_t now_unix_s, std::int64_t expiry_unix_s, std::int64_t margin_s);

}  // namespace portier::teams
