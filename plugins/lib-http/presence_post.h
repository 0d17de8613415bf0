// SPDX-License-Identifier: GPL-3.0-or-later
// Posting one presence state to the engine, as every presence plugin's session does: the event
// is retried while the engine queue is full (100 times, 5 ms apart), and a failure is logged
// through the host, never thrown. In portier_plugin_session. [the plugin's session thread]
#pragma once

#include <cstdint>
#include <string>

#include <portier/host.hpp>

#include "presence_value.h"

namespace portier::http {

// Posts PORTIER_PRESENCE_EV_STATE for `key` (of PORTIER_PRESENCE_KEY_* `key_type`) with `state`
// confirmed at `confirmed_us` (host time). `label` names the key in log lines ("4711",
// "extension 4711"). Texts longer than the event's fields are cut. Blocks at most ~0.5 s while
// the queue stays full; then the event is dropped with an error logged. [session thread]
void post_presence(const Host &host, std::int32_t key_type, const std::string &key, const PresenceValue &state,
                   std::int64_t confirmed_us, const std::string &label);

}  // namespace portier::http
