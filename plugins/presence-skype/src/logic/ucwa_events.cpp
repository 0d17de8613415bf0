// SPDX-License-Identifier: GPL-3.0-or-later
#include "ucwa_events.h"

#include <nlohmann/json.hpp>

#include "json_fields.h"

namespace portier::skype {

Result<EventAnswer> parse_events(std::string_view body) {
   const nlohmann::json doc = nlohmann::json::parse(body, nullptr, false);
   if (!doc.is_object()) return portier::error(PORTIER_ERR_INVALID, "event answer is not a JSON object");
   EventAnswer out;
   if (const auto links = doc.find("_links"); links != doc.end() && links->is_object()) {
      if (const auto next = links->find("next"); next != links->end() && next->is_object()) {
         out.next = http::string_at(*next, "href");
      }
   }
   const auto senders = doc.find("sender");
   if (senders == doc.end() || !senders->is_array()) return out;
   std::size_t seen = 0;
   for (const nlohmann::json &sender : *senders) {
      if (!sender.is_object()) continue;
      const auto events = sender.find("events");
      if (events == sender.end() || !events->is_array()) continue;
      for (const nlohmann::json &event : *events) {
         if (++seen > kMaxEventsPerAnswer) return out;
         if (!event.is_object()) continue;
         const auto l = event.find("link");
         if (l == event.end() || !l->is_object()) continue;
         const std::string rel = http::string_at(*l, "rel");
         const std::string href = http::string_at(*l, "href");
         const std::string type = http::string_at(event, "type");
         if (href.empty()) continue;
         if (rel == "contactPresence" && (type == "updated" || type == "added")) {
            out.presence_hrefs.push_back(href);
         } else if (rel == "presenceSubscription" && type == "updated") {
            out.subscriptions_updated.push_back(href);
         } else if (rel == "presenceSubscription" && type == "deleted") {
            out.subscriptions_deleted.push_back(href);
         }
      }
   }
   return out;
}

}  // namespace portier::skype
