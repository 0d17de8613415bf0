// SPDX-License-Identifier: GPL-3.0-or-later
// presence.unify-office's C ABI: what is its own (settings, its RingCentral session, the key types it takes) as traits of
// lib-http's presence_plugin.h, which runs the session on one thread and queues subscriptions for it.
#include <atomic>
#include <cstdint>
#include <memory>
#include <string_view>

#include <portier/kind/presence.h>
#include <portier/plugin.hpp>

#include "office_session.h"
#include "office_settings.h"
#include "presence_plugin.h"

namespace portier::office {

struct PresenceUnifyOfficeTraits {
   using Settings = OfficeSettings;
   using Session = OfficeSession;
   static Result<Settings> parse(std::string_view json) { return parse_office_settings(json); }
   static std::unique_ptr<Session> make(Host host, const Settings &settings, http::CommandQueue &queue,
                                        [[maybe_unused]] std::atomic<bool> &wake) {
      return std::make_unique<Session>(host, settings, queue);
   }
   static bool takes(std::int32_t key_type) { return key_type == PORTIER_PRESENCE_KEY_EXTENSION; }
   static constexpr const char *kId = "presence.unify-office";
   static constexpr const char *kKeys = "extension keys";
   static constexpr const char *kThread = "the RingCentral thread";
};

using PresenceUnifyOffice = http::PresencePlugin<PresenceUnifyOfficeTraits>;

}  // namespace portier::office

PORTIER_PLUGIN_EX(portier::office::PresenceUnifyOffice,
                  portier::PluginInfo{"presence.unify-office", PORTIER_KIND_PRESENCE, "Unify Office presence", "1.0.0", "",
                                      "", "", "GPL-3.0-or-later",
                                      "Presence of Unify Office (RingCentral) extensions, keyed by extension number, "
                                      "polled in batches from the RingCentral platform.",
                                      nullptr, nullptr})
