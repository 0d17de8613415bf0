// SPDX-License-Identifier: GPL-3.0-or-later
// What the engine tells front ends: every change of a call or an attendant, and notes about
// input it ignored. The sink runs inside the engine's call and must not call back into it.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <variant>

#include "engine/model/call_type.h"
#include "engine/runtime/call_type_rules.h"
#include "engine/runtime/processing_state.h"

namespace portier::engine {

enum class EndReason {
   answered,   // an attendant took it, and the conversation has ended
   abandoned,  // the caller hung up before an attendant took it
   variant,    // a night or time-overflow variant handled it
   rejected,   // no DDI entry or personal line for the dialled number
   transferred,  // handed to a transfer target, or picked up at its callback number
   released,     // the attendant hung up on the caller (hang_up)
};

enum class AttendantState { logged_off, unavailable, available, offered, busy };

struct CallQueued {
   std::string call_id;
   std::string queue;  // the pilot number or personal line
   bool personal = false;
   int priority = 0;
   bool returned = false;  // back after an unanswered or failed push
   std::int64_t waiting_ms = 0;  // since the call arrived (statistics count it from then)
   CallType call_type = CallType::main;  // orders the queue (the tenant's priority per type)
   std::string original_destination = {};  // diverted calls: the number first dialled, else ""
   DiversionReason diversion = DiversionReason::none;
   std::string tenant = {};   // the DDI entry's or personal line's tenant
   std::string caller = {};   // as the trunk gave it (E.164 or not); "" when withheld
   std::string company = {};  // the DDI entry's company or service name; "" for none
};

// Every event about a call or an attendant names its tenant, so that a front end can show it to
// that tenant's users only; one without a tenant (channel_alert, a note about an unknown call, a
// call rejected for an unknown number) is system-wide.
struct CallOffered {
   std::string call_id;
   std::string attendant;
   std::string leg_id;
   std::string tenant = {};
};

struct CallTakenBack {
   std::string call_id;
   std::string attendant;
   std::string tenant = {};
};

struct CallConnected {
   std::string call_id;
   std::string attendant;
   std::string tenant = {};
};

struct CallEnded {
   std::string call_id;
   EndReason reason = EndReason::abandoned;
   std::int64_t waiting_ms = 0;  // from arrival to the end, or to the attendant's answer
   std::string variant;          // for EndReason::variant
   std::string attendant;        // answered: who took it; transferred: who transferred or parked it
   std::string target = {};      // transferred: the target number, or the callback number dialled
   std::string queue = {};       // the pilot number or personal line; "" when rejected unknown
   bool personal = false;        // `queue` is a personal line
   bool overload = false;        // rejected: every processing channel was in use (overload rule)
   std::string tenant = {};      // "" only when rejected for a number of no tenant
};

struct AttendantChanged {
   std::string attendant;
   AttendantState state = AttendantState::unavailable;
   std::string call_id;  // offered or busy: the call
   std::string tenant = {};
};

// A call entered the processing queue or changed state there. Paged: front ends announce
// `callback_number`, the number the wanted person dials to get the call.
struct CallProcessing {
   std::string call_id;
   std::string tenant;
   ProcessingState state = ProcessingState::held;
   std::string attendant;  // who put it there or acted on it last
   std::string target;     // transferring, transfer_failed
   std::string callback_number;  // parked, paged
};

// The trunk's channel use crossed a level: alert at 90 % of the processing channels (attendants
// are warned), full at 100 % (new calls get their DDI entry's overload rule). Sent on changes only.
enum class ChannelLevel { normal, alert, full };

struct ChannelAlert {
   std::uint32_t in_use = 0;      // all channels in use, as the trunk reported
   std::uint32_t total = 0;       // all channels of the trunk
   std::uint32_t processing = 0;  // of those, for callers: (total - 2) * r / (1 + r)
   ChannelLevel level = ChannelLevel::normal;
};

// The health of a link to the outside (link_state.cpp): the PBX's CSTA link or the trunk, as
// their plugins report it to the kernel (running -> up, limited -> degraded, stopped or failed
// -> down). System-wide, like ChannelAlert; sent on changes only.
enum class LinkKind { pbx, trunk };
enum class LinkHealth { up, degraded, down };

struct LinkState {
   LinkKind link = LinkKind::pbx;
   std::string id;      // the plugin's id in the configuration
   LinkHealth state = LinkHealth::down;
   std::string detail;  // the plugin's reason ("not registered: 403"), "" when it gave none
};

// Input the engine ignored or could not act on; one line, with the call id.
struct EngineNote {
   std::string call_id;
   std::string text;
   std::string tenant = {};  // the call's tenant when the engine holds the call, else ""
};

using EngineEvent =
    std::variant<CallQueued, CallOffered, CallTakenBack, CallConnected, CallEnded, AttendantChanged, EngineNote,
                 CallProcessing, ChannelAlert, LinkState>;
using EventSink = std::function<void(const EngineEvent &)>;

}  // namespace portier::engine
