// SPDX-License-Identifier: GPL-3.0-or-later
// CSTA text values -> the numbers and codes of the pbx kind: error answers, event causes,
// call event kinds and forwarding types.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <portier/kind/pbx.h>
#include <portier/status.h>
#include <portier/csta/messages.h>

namespace portier::osv {

// A CSTAErrorCode as the engine sees it. `detail` is category * 1000 + the value's number in
// the category (see mapping.cpp; 0 for a value we do not know), e.g. stateIncompatibility /
// noCallToAnswer = 3008. `message` is "<category>: <value>".
struct MappedError {
   portier_status status = PORTIER_ERR_INTERNAL;
   std::int32_t detail = 0;
   std::string message;
};
MappedError map_error(const csta::CstaError &error);

// ECMA-269 EventCause name -> its number in our table (README), 0 when unknown or empty.
std::int32_t map_cause(std::string_view cause);

// CallEventKind -> PORTIER_PBX_CALL_*; 0 for kinds the kind header has no record for.
std::int32_t map_call_event(csta::CallEventKind kind);

// PORTIER_PBX_FORWARD_* <-> forwardingType text; 0 / "" when not one of the three.
std::string_view forwarding_type_name(std::int32_t type);
std::int32_t forwarding_type_of(std::string_view name);

}  // namespace portier::osv
