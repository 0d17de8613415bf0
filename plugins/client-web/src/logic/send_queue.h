// SPDX-License-Identifier: GPL-3.0-or-later
// What waits to be sent to one console. Bounded: a console that does not read fast enough is
// not allowed to grow the plugin's memory; once the bound is passed the queue is dropped and
// stays shut, and the connection is closed with a reason that says so.
#pragma once

#include <cstddef>
#include <deque>
#include <memory>
#include <string>

namespace portier::web {

using Message = std::shared_ptr<const std::string>;  // shared: one event text for every console

class SendQueue {
public:
   explicit SendQueue(std::size_t max_messages) : max_(max_messages) {}

   // Queues `m`; false (and the queue emptied and shut for good) when it already held
   // max_messages.
   bool push(Message m);
   // The oldest message, removed; nullptr when empty.
   Message pop();

   bool empty() const { return messages_.empty(); }
   std::size_t size() const { return messages_.size(); }
   bool overflowed() const { return overflowed_; }
   std::size_t max() const { return max_; }

private:
   std::size_t max_;
   std::deque<Message> messages_;
   bool overflowed_ = false;
};

}  // namespace portier::web
