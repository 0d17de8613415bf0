// SPDX-License-Identifier: GPL-3.0-or-later
// The trunk kind's flat event records (portier/kind/trunk.h), filled from plain values.
#pragma once

#include <cstdint>
#include <string_view>

#include <portier/kind/trunk.h>

#include "sip_identity.h"

namespace portier::trunk {

portier_trunk_result_event result_record(std::uint64_t correlation, portier_status status, std::int32_t detail,
                                         std::string_view call_id, std::string_view message);
portier_trunk_incoming_event incoming_record(std::string_view call_id, const CallIdentity &who);
// PROGRESS, ANSWERED, ENDED, MEDIA_DONE, DTMF, HOLD, CONNECTED.
portier_trunk_call_event call_record(std::uint16_t type, std::string_view call_id, std::int32_t value,
                                     std::string_view other_call_id = {}, std::string_view media_id = {});
portier_trunk_channels_event channels_record(std::int64_t in_use, std::int64_t total);
portier_trunk_channel_split_event channel_split_record(std::int64_t in_use, std::int64_t total,
                                                       std::int64_t processing_in_use, std::int64_t processing_total);

}  // namespace portier::trunk
