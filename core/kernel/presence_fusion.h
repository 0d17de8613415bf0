// SPDX-License-Identifier: GPL-3.0-or-later
// One state per person from its parts, phone state (a pbx plugin's busy lamp) and presence (the
// presence plugin), by the configured precedence, with each part's source, the time it was last
// confirmed and its stale mark (docs/presence.md, "Fusion"). Pure functions: no clock, no I/O.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "kernel/presence_config.h"

namespace portier::kernel {

// The phone part: the last state a pbx plugin reported for the contact's extension.
struct PhonePart {
   std::int32_t state = 0;         // PORTIER_PBX_DEVICE_*
   std::string source;             // the pbx plugin's id
   std::int64_t confirmed_us = 0;  // host clock of its last report
   bool stale = false;             // its plugin has not been running for stale_after
   bool operator==(const PhonePart &) const = default;
};

// The presence part: the last PORTIER_PRESENCE_EV_STATE of the contact's key.
struct PresencePart {
   std::int32_t availability = 0;  // PORTIER_AVAILABILITY_*
   std::int32_t activity = 0;      // PORTIER_ACTIVITY_*
   std::string activity_text;
   std::string note;
   std::string source;             // the presence plugin's id
   std::int64_t confirmed_us = 0;  // host clock when its source last confirmed it
   bool stale = false;             // not confirmed for stale_after
   bool operator==(const PresencePart &) const = default;
};

enum class StateFrom { phone, presence };

// What a console shows of one person. Compared whole, so a change of any part, of the summary
// or of a stale mark is a change to publish.
struct FusedState {
   std::string summary = "unknown";   // available | busy | away | dnd | offline | unknown
   StateFrom from = StateFrom::phone;
   bool stale = false;                // the deciding part's stale mark
   std::optional<PhonePart> phone;
   std::optional<PresencePart> presence;
   bool operator==(const FusedState &) const = default;
};

// Applies `rules` in order to the parts (their stale marks already set); the first rule that
// applies decides. None applies: "unknown" from whichever part there is (the phone first).
// nullopt when there is neither part.
std::optional<FusedState> fuse(const std::optional<PhonePart> &phone, const std::optional<PresencePart> &presence,
                               const std::vector<PrecedenceRule> &rules);

// True when a part confirmed at `confirmed_us` counts as stale at `now_us`.
bool is_stale(std::int64_t confirmed_us, std::int64_t now_us, std::int64_t stale_after_s);

// Names as the client API spells them ("available", "in_a_meeting", ...; phone states are
// lamp_state_name's); values the SDK does not define are "unknown" (activity: "other").
const char *availability_name(std::int32_t availability);
const char *activity_name(std::int32_t activity);

// The contract's `state` object (docs/sdk/client-api.md). A host-clock time t is shown as the
// Unix milliseconds t / 1000 + `epoch_offset_ms`.
nlohmann::json to_json(const FusedState &state, std::int64_t epoch_offset_ms);

}  // namespace portier::kernel
