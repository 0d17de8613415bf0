// SPDX-License-Identifier: GPL-3.0-or-later
// presence.teams's C ABI: what is its own (settings, its Graph session, the key types it takes) as traits of
// lib-http's presence_plugin.h, which runs the session on one thread and queues subscriptions for it.
#include <atomic>
#include <cstdint>
#include <memory>
#include <string_view>

#include <portier/kind/presence.h>
#include <portier/plugin.hpp>

#include "graph_session.h"
#include "teams_settings.h"
#include "presence_plugin.h"

namespace portier::teams {

struct PresenceTeamsTraits {
   using Settings = TeamsSettings;
   using Session = GraphSession;
   static Result<Settings> parse(std::string_view json) { return parse_teams_settings(json); }
   static std::unique_ptr<Session> make(Host host, const Settings &settings, http::CommandQueue &queue,
                                        [[maybe_unused]] std::atomic<bool> &wake) {
      return std::make_unique<Session>(host, settings, queue);
   }
   static bool takes(std::int32_t key_type) { return key_type == PORTIER_PRESENCE_KEY_EMAIL; }
   static constexpr const char *kId = "presence.teams";
   static constexpr const char *kKeys = "e-mail keys";
   static constexpr const char *kThread = "the Graph thread";
};

using PresenceTeams = http::PresencePlugin<PresenceTeamsTraits>;

}  // namespace portier::teams

PORTIER_PLUGIN_EX(portier::teams::PresenceTeams,
                  portier::PluginInfo{"presence.teams", PORTIER_KIND_PRESENCE, "Microsoft Teams presence", "1.0.0", "", "",
                                      "", "GPL-3.0-or-later",
                                      "Presence of Microsoft Teams users, keyed by e-mail, polled from Microsoft Graph.",
                                      nullptr, nullptr})
