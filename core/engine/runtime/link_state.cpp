// SPDX-License-Identifier: GPL-3.0-or-later
// Link health is only shown, never acted on: calls held keep going (the trunk ends them itself
// when it loses them), so the engine just remembers the last state per link for snapshots.
#include "engine/runtime/engine.h"
#include "engine/runtime/event_names.h"

namespace portier::engine {

std::string_view to_string(LinkKind link) {
   return link == LinkKind::pbx ? "pbx" : "trunk";
}

std::string_view to_string(LinkHealth health) {
   switch (health) {
   case LinkHealth::up: return "up";
   case LinkHealth::degraded: return "degraded";
   case LinkHealth::down: return "down";
   }
   return "down";
}

void Engine::on_link_state(const LinkState &link) {
   auto [it, fresh] = links_.try_emplace(std::pair(link.link, link.id), link);
   if (!fresh) {
      if (it->second.state == link.state && it->second.detail == link.detail) return;
      it->second = link;
   }
   emit(link);
}

std::vector<LinkState> Engine::links() const {
   std::vector<LinkState> out;
   out.reserve(links_.size());
   for (const auto &[key, link] : links_) out.push_back(link);
   return out;
}

}  // namespace portier::engine
