// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/runtime/call_queue.h"

#include <tuple>

namespace portier::engine {

bool served_before(const QueuePlace &a, const QueuePlace &b) {
   return std::tie(a.priority, a.since_ms, a.sequence) < std::tie(b.priority, b.since_ms, b.sequence);
}

void CallQueue::insert(const QueuePlace &place) { places_.insert(place); }

bool CallQueue::erase(const QueuePlace &place) { return places_.erase(place) > 0; }

const QueuePlace *CallQueue::front() const { return places_.empty() ? nullptr : &*places_.begin(); }

std::vector<std::string> CallQueue::call_ids() const {
   std::vector<std::string> ids;
   ids.reserve(places_.size());
   for (const QueuePlace &place : places_) ids.push_back(place.call_id);
   return ids;
}

}  // namespace portier::engine
