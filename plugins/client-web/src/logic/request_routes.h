// SPDX-License-Identifier: GPL-3.0-or-later
// Which console asked what: each command a console sends gets the plugin's own request id (the
// engine sees only those), and the answer that comes back with that id finds its console and the
// console's own "id" again. Owned by the I/O thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>

namespace portier::web {

class RequestRoutes {
public:
   struct Route {
      std::uint64_t console = 0;  // the connection that asked
      std::string console_id;     // its "id" as JSON text, "" for none
   };

   // At most `max_waiting` commands of one console may wait for their answers at a time.
   explicit RequestRoutes(std::size_t max_waiting) : max_waiting_(max_waiting) {}

   // A fresh request id (never 0, never reused) for a command of `console`; nullopt when that
   // console already has max_waiting commands without an answer.
   std::optional<std::uint64_t> open(std::uint64_t console, std::string console_id);
   // The route of the answer to `request_id`, removed; nullopt for an id not open (its console
   // left, or it was never ours).
   std::optional<Route> close(std::uint64_t request_id);
   // A console left: its routes go, and answers still coming for it are dropped.
   void forget_console(std::uint64_t console);

   std::size_t waiting() const { return routes_.size(); }
   std::size_t waiting_for(std::uint64_t console) const;

private:
   std::size_t max_waiting_;
   std::uint64_t next_id_ = 1;
   std::unordered_map<std::uint64_t, Route> routes_;             // by request id
   std::unordered_map<std::uint64_t, std::size_t> per_console_;  // open routes per console
};

}  // namespace portier::web
