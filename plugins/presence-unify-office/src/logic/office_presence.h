// SPDX-License-Identifier: GPL-3.0-or-later
// RingCentral presence: the batch read path (at most 30 extension ids per request), its answer
// (207 multipart JSON with one part per id, or a plain 200 presence when one id was asked), and
// RingCentral's presence fields mapped to Portier's (docs/protocols/presence-calendar.md §0.1,
// §2.6). Values compare case-insensitively.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <portier/result.hpp>

#include "id_batches.h"
#include "presence_value.h"

namespace portier::office {

// RingCentral's cap on extension ids per batch presence read (more -> 400 InvalidMultipartRequest).
constexpr std::size_t kMaxIdsPerPresenceRequest = 30;

// The Accept value that asks for the JSON multipart answer.
constexpr const char *kMultipartJson = "application/vnd.ringcentral.multipart+json";

// What a Portier presence event carries besides its key and time (lib-http's, shared by the
// presence plugins).
using PortierPresence = http::PresenceValue;

struct OfficePresence {
   std::string presence_status;   // Available, Busy, Offline (aggregated)
   std::string dnd_status;        // TakeAllCalls, DoNotAcceptAnyCalls, ...
   std::string telephony_status;  // NoCall, Ringing, CallConnected, OnHold, ParkedCall
   std::string meeting_status;    // Connected, Disconnected
   std::string message;
};

// Maps one presence: presenceStatus gives the availability; a call (CallConnected, OnHold,
// ParkedCall) or a meeting makes it Busy; DoNotAcceptAnyCalls makes it DND over everything.
// The activity is the call, else the meeting, else ringing, else the department-call DND mode.
// [any]
PortierPresence map_presence(const OfficePresence &rc);

// "/restapi/v1.0/account/~/extension/{id,id,...}/presence?detailedTelephonyState=true"; `ids`
// must hold 1..kMaxIdsPerPresenceRequest entries. [any]
std::string presence_path(const std::vector<std::string> &ids);

struct PresencePart {
   std::string id;        // resourceId (or extension.id of a plain answer)
   int status = 0;        // the part's HTTP status
   OfficePresence presence;
   std::string error_code;  // errorCode of a failed part
};

// The parts of a batch answer (a JSON array) or the one part of a plain presence object. Fails
// (PORTIER_ERR_INVALID) on anything else. [any]
Result<std::vector<PresencePart>> parse_presence_answer(std::string_view body);

// `items` cut into consecutive chunks of at most `size` (lib-http's).
using http::chunks_of;

// errorCode of a RingCentral error body (or `error` of the token endpoint), or "". [any]
std::string error_code(std::string_view body);

}  // namespace portier::office
