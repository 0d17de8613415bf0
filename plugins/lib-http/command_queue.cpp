// SPDX-License-Identifier: GPL-3.0-or-later
#include "command_queue.h"

#include <iterator>
#include <utility>

namespace portier::http {

bool CommandQueue::push(std::vector<Command> commands) {
   const std::lock_guard<std::mutex> lock(mu_);
   if (waiting_.size() + commands.size() > kMaxWaiting) return false;
   waiting_.insert(waiting_.end(), std::make_move_iterator(commands.begin()), std::make_move_iterator(commands.end()));
   return true;
}

std::vector<Command> CommandQueue::take() {
   const std::lock_guard<std::mutex> lock(mu_);
   return std::exchange(waiting_, {});
}

}  // namespace portier::http
