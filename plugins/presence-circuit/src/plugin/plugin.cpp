// SPDX-License-Identifier: GPL-3.0-or-later
// presence.circuit's C ABI: what is its own (settings, its Circuit session, the key types it takes) as traits of
// lib-http's presence_plugin.h, which runs the session on one thread and queues subscriptions for it.
#include <atomic>
#include <cstdint>
#include <memory>
#include <string_view>

#include <portier/kind/presence.h>
#include <portier/plugin.hpp>

#include "circuit_session.h"
#include "circuit_settings.h"
#include "presence_plugin.h"

namespace portier::circuit {

struct PresenceCircuitTraits {
   using Settings = CircuitSettings;
   using Session = CircuitSession;
   static Result<Settings> parse(std::string_view json) { return parse_circuit_settings(json); }
   static std::unique_ptr<Session> make(Host host, const Settings &settings, http::CommandQueue &queue,
                                        [[maybe_unused]] std::atomic<bool> &wake) {
      return std::make_unique<Session>(host, settings, queue);
   }
   static bool takes(std::int32_t key_type) { return key_type == PORTIER_PRESENCE_KEY_EMAIL; }
   static constexpr const char *kId = "presence.circuit";
   static constexpr const char *kKeys = "e-mail keys";
   static constexpr const char *kThread = "the Circuit thread";
};

using PresenceCircuit = http::PresencePlugin<PresenceCircuitTraits>;

}  // namespace portier::circuit

PORTIER_PLUGIN_EX(portier::circuit::PresenceCircuit,
                  portier::PluginInfo{"presence.circuit", PORTIER_KIND_PRESENCE, "Circuit presence", "1.0.0", "", "",
                                      "", "GPL-3.0-or-later",
                                      "Presence of Circuit users, keyed by e-mail, polled from the Circuit REST API v2.",
                                      nullptr, nullptr})
