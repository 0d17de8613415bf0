// SPDX-License-Identifier: GPL-3.0-or-later
// The trunk's channels, split as the manual's provider service does (domain.md, "Channels"):
// two are always kept for operational handling, the rest is divided by the channel ratio r into
// processing channels (callers) and operational ones (legs the engine places):
//   processing = (total - 2) * r / (1 + r), rounded down; 10 channels, r = 3 -> 6.
// Alert at 90 % of the processing channels (rounded up: 6 of 6, 80 of 88), full at 100 %.
// A trunk that splits its channels itself (CHANNEL_SPLIT, trunk.sip) reports the processing share
// and its use directly; the ratio is only the fallback for a trunk that sends plain CHANNELS.
// At 100 % a new call gets its DDI entry's overload rule: busy (486) or a redirect (302) to the
// entry's destination, 486 when the trunk cannot redirect.
#pragma once

#include <cstdint>
#include <string_view>

#include "engine/runtime/engine_events.h"

namespace portier::engine {

inline constexpr std::uint32_t kReservedChannels = 2;

// 0 when the channels leave none for callers (or r is 0): the level is then always normal.
std::uint32_t processing_channels(std::uint32_t total, std::uint32_t ratio);

ChannelLevel channel_level_for(std::uint32_t processing_in_use, std::uint32_t processing);

std::string_view to_string(ChannelLevel level);

}  // namespace portier::engine
