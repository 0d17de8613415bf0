// SPDX-License-Identifier: GPL-3.0-or-later
// Media the trunk has without any file: its ringback tone, the busy tone the engine plays before
// it hangs up on an answered call, and music on hold for a system whose administrator has not
// given one yet. A `media` entry with the same id replaces the built-in clip.
#pragma once

#include "clip.h"

namespace portier::trunk {

// The id the trunk's own ringback tone is registered under (not for the engine to play).
inline constexpr const char *kRingbackId = "trunk.ringback";
// The ids the engine plays (core/engine/runtime/engine.h: kMusicOnHold, kBusyTone).
inline constexpr const char *kMusicOnHoldId = "moh";
inline constexpr const char *kBusyToneId = "busy";

// 425 Hz, 1 s on, 4 s off (ETSI ES 201 970 ringing tone), as a clip to loop.
media::Clip ringback_clip();
// 425 Hz, 480 ms on, 480 ms off, four times (about 4 s; played once).
media::Clip busy_tone_clip();
// A quiet eight-note phrase in soft sine tones, 4.8 s, made to loop.
media::Clip default_music_clip();

}  // namespace portier::trunk
