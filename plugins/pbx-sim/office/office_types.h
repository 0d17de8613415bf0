// SPDX-License-Identifier: GPL-3.0-or-later
// Plain data of the simulated office: the spec it is built from, states, errors and results.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace portier::pbxsim {

enum class ExtensionKind { attendant, office_user };

// How a simulated phone behaves when nobody drives it through CSTA.
struct ExtensionRules {
   std::optional<std::uint32_t> answer_after_ms;  // nullopt: never answers by itself
   bool busy = false;                             // rejects every call as busy
   std::optional<std::uint32_t> hang_up_after_ms; // after answering; nullopt: stays
};

struct ExtensionSpec {
   std::string number;
   std::string display_name;
   ExtensionKind kind = ExtensionKind::office_user;
   ExtensionRules rules;
   bool in_service = true;
};

struct OfficeSpec {
   std::vector<ExtensionSpec> extensions;
   std::vector<std::string> external_numbers; // parties outside the office that call in or are called
   std::uint32_t no_answer_ms = 15000;         // CFNR diverts after this much ringing
   std::uint32_t max_forward_hops = 5;         // a forwarding chain stops after this many diversions
};

// The first problem of a spec (duplicate or empty numbers, a number both extension and external),
// or nullopt when it is usable.
std::optional<std::string> check_spec(const OfficeSpec &spec);

// Mirrors PORTIER_PBX_DEVICE_* (same numeric values).
enum class DeviceState : std::int32_t {
   idle = 1,
   ringing = 2,
   busy = 3,
   held = 4,
   dnd = 5,
   forwarded = 6,
   out_of_service = 7
};

// ECMA-269 local connection states (localConnectionInfo).
enum class ConnectionState { null, initiated, alerting, connected, held, queued, fail };

// Mirrors PORTIER_PBX_FORWARD_* (same numeric values).
enum class ForwardType : std::int32_t { unconditional = 1, busy = 2, no_answer = 3 };

// ECMA-269 error categories (the CHOICE inside CSTAErrorCode) and the values the model raises.
enum class ErrorCategory { operation, state_incompatibility };
enum class ErrorValue {
   // operation
   generic,
   request_incompatible_with_object,
   invalid_call_id,
   invalid_device_id,
   invalid_connection_id,
   invalid_destination,
   invalid_forwarding_destination,
   invalid_cross_ref_id,
   invalid_monitor_object,
   // stateIncompatibility
   invalid_object_state,
   invalid_device_state,
   invalid_connection_state,
   no_active_call,
   no_held_call,
   no_call_to_answer
};

ErrorCategory category_of(ErrorValue value);

struct OfficeError {
   ErrorCategory category;
   ErrorValue value;
   friend bool operator==(const OfficeError &, const OfficeError &) = default;
};

inline OfficeError make_error(ErrorValue value) { return {category_of(value), value}; }

// A command's result: an error, or ok with a value.
template <typename T>
struct Outcome {
   std::optional<OfficeError> error;
   T value{};
   bool ok() const { return !error.has_value(); }
};
struct Done {};
using Status = Outcome<Done>;

// A connection in the CSTA sense: a device in a call.
struct ConnectionRef {
   std::string call_id;
   std::string device;
};

// A call as an adapter sees it: its parties in order, the originating one first.
struct PartySnapshot {
   std::string party;
   bool outside = false;          // not an extension of the office
   ConnectionState state = ConnectionState::null;
   std::uint64_t serial = 0;      // this connection, unlike a later one of the same party
};
struct CallSnapshot {
   std::string call_id;
   std::string calling;
   std::string called;
   std::vector<PartySnapshot> parties;
};

struct ForwardSetting {
   bool on = false;
   std::string destination;
};
struct ForwardingSettings {
   ForwardSetting unconditional, busy, no_answer;
};

struct SnapshotCall {
   std::string call_id;
   ConnectionState state;
};
struct DeviceSnapshot {
   std::string device;
   DeviceState state = DeviceState::idle;
   std::string forward_to; // for DeviceState::forwarded
   std::vector<SnapshotCall> calls;
};

// CSTA spellings, for logs, tests and the XML layer.
std::string_view to_string(DeviceState state);
std::string_view to_string(ConnectionState state);   // localConnectionInfo
std::string_view to_string(ForwardType type);        // forwardImmediate, forwardBusy, forwardNoAns
std::string_view to_string(ErrorCategory category);  // operation, stateIncompatibility
std::string_view to_string(ErrorValue value);        // invalidCallID, noCallToAnswer, ...

} // namespace portier::pbxsim
