// SPDX-License-Identifier: GPL-3.0-or-later
// presence.uc's C ABI: what is its own (settings, its XMPP session, the key types it takes) as traits of
// lib-http's presence_plugin.h, which runs the session on one thread and queues subscriptions for it.
#include <atomic>
#include <cstdint>
#include <memory>
#include <string_view>

#include <portier/kind/presence.h>
#include <portier/plugin.hpp>

#include "presence_link.h"
#include "uc_settings.h"
#include "presence_plugin.h"

namespace portier::uc {

struct PresenceUcTraits {
   using Settings = UcSettings;
   using Session = PresenceLink;
   static Result<Settings> parse(std::string_view json) { return parse_uc_settings(json); }
   static std::unique_ptr<Session> make(Host host, const Settings &settings, http::CommandQueue &queue,
                                        [[maybe_unused]] std::atomic<bool> &wake) {
      return std::make_unique<Session>(host, settings, queue);
   }
   static bool takes(std::int32_t key_type) { return key_type == PORTIER_PRESENCE_KEY_EXTENSION || key_type == PORTIER_PRESENCE_KEY_EMAIL; }
   static constexpr const char *kId = "presence.uc";
   static constexpr const char *kKeys = "extension and e-mail keys";
   static constexpr const char *kThread = "the XMPP thread";
};

using PresenceUc = http::PresencePlugin<PresenceUcTraits>;

}  // namespace portier::uc

PORTIER_PLUGIN_EX(portier::uc::PresenceUc,
                  portier::PluginInfo{"presence.uc", PORTIER_KIND_PRESENCE, "OpenScape UC presence", "1.0.0", "", "",
                                      "", "GPL-3.0-or-later",
                                      "Presence of OpenScape UC users, keyed by extension, over standard XMPP.",
                                      nullptr, nullptr})
