// SPDX-License-Identifier: GPL-3.0-or-later
// A queue of waiting calls: the most urgent priority first (lower number), then the earliest
// arrival. A call keeps its QueuePlace for life, so one taken back after an unanswered push
// returns to where it stood.
#pragma once

#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

namespace portier::engine {

struct QueuePlace {
   int priority = 5;
   std::int64_t since_ms = 0;
   std::uint64_t sequence = 0;  // breaks ties between calls of the same millisecond; unique
   std::string call_id;
};

// True when `a` is served before `b`.
bool served_before(const QueuePlace &a, const QueuePlace &b);

class CallQueue {
  public:
   void insert(const QueuePlace &place);
   bool erase(const QueuePlace &place);
   const QueuePlace *front() const;
   bool empty() const { return places_.empty(); }
   std::size_t size() const { return places_.size(); }
   std::vector<std::string> call_ids() const;  // in serving order

  private:
   struct Order {
      bool operator()(const QueuePlace &a, const QueuePlace &b) const { return served_before(a, b); }
   };
   std::set<QueuePlace, Order> places_;
};

}  // namespace portier::engine
