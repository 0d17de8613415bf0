// SPDX-License-Identifier: GPL-3.0-or-later
// The pbx kind's flat event records, filled from what the driver knows.
#pragma once

#include <cstdint>
#include <string_view>

#include <portier/kind/pbx.h>
#include <portier/csta/messages.h>

#include "device_model.h"

namespace portier::osv {

portier_pbx_result_event result_record(std::uint64_t correlation, portier_status status, std::int32_t detail,
                                       std::string_view device, std::string_view call_id,
                                       std::string_view message);
portier_pbx_device_event device_record(std::uint64_t correlation, std::string_view device,
                                       const DeviceState &state);
portier_pbx_call_event call_record(std::uint64_t correlation, std::string_view device,
                                   const csta::CallEvent &event);
// A snapshot's call as a record: alerting -> DELIVERED, connected -> ESTABLISHED, hold -> HELD, ...
portier_pbx_call_event snapshot_call_record(std::uint64_t correlation, std::string_view device,
                                            const csta::SnapshotCall &call);
portier_pbx_features_event features_record(std::uint64_t correlation, std::string_view device,
                                           const Features &features);

}  // namespace portier::osv
