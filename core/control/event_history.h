// SPDX-License-Identifier: GPL-3.0-or-later
// The last engine events, for `portier engine --events`: a bounded ring of JSON events, each
// stamped with a sequence number so that a reader can ask only for what came after the last one
// it saw. [engine] Filled and read on the engine thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>

#include <nlohmann/json.hpp>

namespace portier::control {

inline constexpr std::size_t kEventHistoryCapacity = 1000;

class EventHistory {
 public:
   explicit EventHistory(std::size_t capacity = kEventHistoryCapacity);

   // Keeps a copy of `event` (an object) with "seq" added; the oldest goes when full.
   void push(nlohmann::json event);
   // The last `count` events whose seq is greater than `after`, oldest first.
   nlohmann::json recent(std::size_t count, std::uint64_t after) const;
   // The seq of the newest event; 0 before the first.
   std::uint64_t last_seq() const { return next_seq_ - 1; }

 private:
   std::size_t capacity_;
   std::uint64_t next_seq_ = 1;
   std::deque<nlohmann::json> events_;
};

}  // namespace portier::control
