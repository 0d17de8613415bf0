// SPDX-License-Identifier: GPL-3.0-or-later
// presence.skype's C ABI: what is its own (settings, its UCWA session, the key types it takes) as traits of
// lib-http's presence_plugin.h, which runs the session on one thread and queues subscriptions for it.
#include <atomic>
#include <cstdint>
#include <memory>
#include <string_view>

#include <portier/kind/presence.h>
#include <portier/plugin.hpp>

#include "ucwa_session.h"
#include "skype_settings.h"
#include "presence_plugin.h"

namespace portier::skype {

struct PresenceSkypeTraits {
   using Settings = SkypeSettings;
   using Session = UcwaSession;
   static Result<Settings> parse(std::string_view json) { return parse_skype_settings(json); }
   static std::unique_ptr<Session> make(Host host, const Settings &settings, http::CommandQueue &queue,
                                        [[maybe_unused]] std::atomic<bool> &wake) {
      return std::make_unique<Session>(host, settings, queue, wake);
   }
   static bool takes(std::int32_t key_type) { return key_type == PORTIER_PRESENCE_KEY_SIP_URI || key_type == PORTIER_PRESENCE_KEY_EMAIL; }
   static constexpr const char *kId = "presence.skype";
   static constexpr const char *kKeys = "SIP URI and e-mail keys";
   static constexpr const char *kThread = "the UCWA thread";
};

using PresenceSkype = http::PresencePlugin<PresenceSkypeTraits>;

}  // namespace portier::skype

PORTIER_PLUGIN_EX(portier::skype::PresenceSkype,
                  portier::PluginInfo{"presence.skype", PORTIER_KIND_PRESENCE, "Skype for Business presence", "1.0.0", "", "",
                                      "", "GPL-3.0-or-later",
                                      "Presence of Skype for Business users, keyed by SIP URI or e-mail, from UCWA's event channel.",
                                      nullptr, nullptr})
