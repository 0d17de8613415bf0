// SPDX-License-Identifier: GPL-3.0-or-later
#include "control/event_history.h"

#include <algorithm>

namespace portier::control {

EventHistory::EventHistory(std::size_t capacity) : capacity_(std::max<std::size_t>(capacity, 1)) {}

void EventHistory::push(nlohmann::json event) {
   if (!event.is_object()) event = nlohmann::json{{"event", std::move(event)}};
   event["seq"] = next_seq_++;
   if (events_.size() == capacity_) events_.pop_front();
   events_.push_back(std::move(event));
}

nlohmann::json EventHistory::recent(std::size_t count, std::uint64_t after) const {
   // Seqs rise by one from the front, so the first one after `after` is found by arithmetic.
   std::size_t first = events_.size();
   if (!events_.empty()) {
      const std::uint64_t front_seq = events_.front().at("seq").get<std::uint64_t>();
      const std::uint64_t wanted = std::max(after + 1, front_seq);
      first = wanted - front_seq > events_.size() ? events_.size() : static_cast<std::size_t>(wanted - front_seq);
   }
   const std::size_t available = events_.size() - first;
   if (available > count) first += available - count;
   nlohmann::json out = nlohmann::json::array();
   for (std::size_t i = first; i < events_.size(); ++i) out.push_back(events_[i]);
   return out;
}

}  // namespace portier::control
