// SPDX-License-Identifier: GPL-3.0-or-later
#include "records.h"

#include <portier/event.hpp>

namespace portier::trunk {

portier_trunk_result_event result_record(std::uint64_t correlation, portier_status status, std::int32_t detail,
                                         std::string_view call_id, std::string_view message) {
   auto ev = make_event<portier_trunk_result_event>(PORTIER_SPACE_TRUNK, PORTIER_TRUNK_EV_RESULT);
   ev.header.correlation = correlation;
   ev.status = status;
   ev.detail = detail;
   set_text(ev.header, ev.call_id, call_id);
   set_text(ev.header, ev.message, message);
   return ev;
}

portier_trunk_incoming_event incoming_record(std::string_view call_id, const CallIdentity &who) {
   auto ev = make_event<portier_trunk_incoming_event>(PORTIER_SPACE_TRUNK, PORTIER_TRUNK_EV_INCOMING);
   ev.diversion_reason = who.diversion_reason;
   set_text(ev.header, ev.call_id, call_id);
   set_text(ev.header, ev.caller, who.caller);
   set_text(ev.header, ev.called, who.called);
   set_text(ev.header, ev.diverted_from, who.diverted_from);
   set_text(ev.header, ev.original_called, who.original_called);
   set_text(ev.header, ev.caller_name, who.caller_name);
   return ev;
}

portier_trunk_call_event call_record(std::uint16_t type, std::string_view call_id, std::int32_t value,
                                     std::string_view other_call_id, std::string_view media_id) {
   auto ev = make_event<portier_trunk_call_event>(PORTIER_SPACE_TRUNK, type);
   ev.value = value;
   set_text(ev.header, ev.call_id, call_id);
   set_text(ev.header, ev.other_call_id, other_call_id);
   set_text(ev.header, ev.media_id, media_id);
   return ev;
}

namespace {
std::uint32_t count(std::int64_t n) { return static_cast<std::uint32_t>(n < 0 ? 0 : n); }
}  // namespace

portier_trunk_channels_event channels_record(std::int64_t in_use, std::int64_t total) {
   auto ev = make_event<portier_trunk_channels_event>(PORTIER_SPACE_TRUNK, PORTIER_TRUNK_EV_CHANNELS);
   ev.in_use = count(in_use);
   ev.total = count(total);
   return ev;
}

portier_trunk_channel_split_event channel_split_record(std::int64_t in_use, std::int64_t total,
                                                       std::int64_t processing_in_use, std::int64_t processing_total) {
   auto ev = make_event<portier_trunk_channel_split_event>(PORTIER_SPACE_TRUNK, PORTIER_TRUNK_EV_CHANNEL_SPLIT);
   ev.in_use = count(in_use);
   ev.total = count(total);
   ev.processing_in_use = count(processing_in_use);
   ev.processing_total = count(processing_total);
   return ev;
}

}  // namespace portier::trunk
