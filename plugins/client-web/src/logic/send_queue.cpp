// SPDX-License-Identifier: GPL-3.0-or-later
#include "send_queue.h"

#include <utility>

namespace portier::web {

bool SendQueue::push(Message m) {
   if (overflowed_) return false;
   if (messages_.size() >= max_) {
      overflowed_ = true;
      messages_.clear();
      return false;
   }
   messages_.push_back(std::move(m));
   return true;
}

Message SendQueue::pop() {
   if (messages_.empty()) return nullptr;
   Message m = std::move(messages_.front());
   messages_.pop_front();
   return m;
}

}  // namespace portier::web
