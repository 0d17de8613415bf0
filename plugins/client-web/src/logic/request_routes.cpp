// SPDX-License-Identifier: GPL-3.0-or-later
#include "request_routes.h"

#include <utility>

namespace portier::web {

std::optional<std::uint64_t> RequestRoutes::open(std::uint64_t console, std::string console_id) {
   std::size_t &count = per_console_[console];
   if (count >= max_waiting_) return std::nullopt;
   ++count;
   const std::uint64_t id = next_id_++;
   routes_.emplace(id, Route{console, std::move(console_id)});
   return id;
}

std::optional<RequestRoutes::Route> RequestRoutes::close(std::uint64_t request_id) {
   const auto it = routes_.find(request_id);
   if (it == routes_.end()) return std::nullopt;
   Route route = std::move(it->second);
   routes_.erase(it);
   const auto count = per_console_.find(route.console);
   if (count != per_console_.end() && --count->second == 0) per_console_.erase(count);
   return route;
}

void RequestRoutes::forget_console(std::uint64_t console) {
   for (auto it = routes_.begin(); it != routes_.end();) {
      it = it->second.console == console ? routes_.erase(it) : std::next(it);
   }
   per_console_.erase(console);
}

std::size_t RequestRoutes::waiting_for(std::uint64_t console) const {
   const auto it = per_console_.find(console);
   return it == per_console_.end() ? 0 : it->second;
}

}  // namespace portier::web
