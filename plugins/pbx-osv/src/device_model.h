// SPDX-License-Identifier: GPL-3.0-or-later
// What the driver knows about one monitored device: its connections (call id -> ECMA-269
// local connection state) and its forwarding / do-not-disturb, and the state derived from them.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include <portier/csta/messages.h>

namespace portier::osv {

struct Features {
   bool dnd = false;
   bool forward_unconditional = false;
   bool forward_busy = false;
   bool forward_no_answer = false;
   std::string forward_unconditional_to;
   std::string forward_busy_to;
   std::string forward_no_answer_to;
};

struct DeviceState {
   std::int32_t state = 0;  // PORTIER_PBX_DEVICE_*
   std::string forward_to;
   bool operator==(const DeviceState &) const = default;
};

struct DeviceModel {
   std::string number;                         // the device's own number, to tell its side of a call
   std::map<std::string, std::string> calls;   // call id -> alerting, connected, hold, ...
   Features features;
   bool out_of_service = false;                // from OutOfServiceEvent / BackInServiceEvent
   DeviceState reported;                       // the state last posted
};

// Updates the model from a call event seen on this device's monitor.
void apply(DeviceModel &model, const csta::CallEvent &event);
// Replaces the calls with those of a snapshot.
void apply(DeviceModel &model, const csta::SnapshotDeviceResponse &snapshot);
void apply(Features &features, const csta::ForwardingItem &item);

// out of service first (the PBX says so), then busy / ringing / held from the calls, then
// dnd / forwarded / idle from the features.
DeviceState derive(const DeviceModel &model);

}  // namespace portier::osv
