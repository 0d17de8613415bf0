// SPDX-License-Identifier: GPL-3.0-or-later
// Subscriptions handed from the engine thread to a cloud presence plugin's session thread
// (presence.teams, presence.unify-office, presence.uc). The engine never waits for the network: it appends
// and returns; the session thread takes everything at its next turn.
#pragma once

#include <cstddef>
#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

namespace portier::http {

struct Command {
   bool subscribe = true;  // false: unsubscribe
   std::int32_t key_type = 0;
   std::string key;
};

class CommandQueue {
public:
   // Bounds what the engine may queue before the thread drains it (a bulk subscribe of a large
   // phone book fits; a runaway caller gets BUSY).
   static constexpr std::size_t kMaxWaiting = 500'000;

   // Appends all of `commands`, or none when they would exceed kMaxWaiting. [any]
   bool push(std::vector<Command> commands);

   // Everything waiting, oldest first. [any]
   std::vector<Command> take();

private:
   std::mutex mu_;
   std::vector<Command> waiting_;  // guarded by mu_
};

}  // namespace portier::http
