// SPDX-License-Identifier: MIT
#include "event_rules.h"

#include <cstddef>
#include <cstring>

#include <portier/kind/calendar.h>
#include <portier/kind/directory.h>
#include <portier/kind/pbx.h>
#include <portier/kind/presence.h>
#include <portier/kind/trunk.h>

namespace portier::check {
namespace {

struct Field {
   const char *name;
   size_t offset;
   size_t size;
};

struct Layout {
   uint16_t space;
   uint16_t type;
   const char *record;
   size_t size;
   std::vector<Field> strings;   // char arrays that must hold a NUL
   std::vector<Field> reserved;  // must be zero
};

#define PC_FIELD(T, f) Field{#f, offsetof(T, f), sizeof(((T *)nullptr)->f)}

const std::vector<Layout> &layouts()
{
   using R = portier_pbx_result_event;
   using D = portier_pbx_device_event;
   using C = portier_pbx_call_event;
   using F = portier_pbx_features_event;
   using TR = portier_trunk_result_event;
   using TI = portier_trunk_incoming_event;
   using TC = portier_trunk_call_event;
   using TN = portier_trunk_channels_event;
   using TS = portier_trunk_channel_split_event;
   using P = portier_presence_event;
   using K = portier_calendar_event;
   using Y = portier_directory_event;
   const std::vector<Field> pbx_result = {PC_FIELD(R, device), PC_FIELD(R, call_id), PC_FIELD(R, message)};
   const std::vector<Field> trunk_call = {PC_FIELD(TC, call_id), PC_FIELD(TC, other_call_id),
                                          PC_FIELD(TC, media_id)};
   const std::vector<Field> calendar = {PC_FIELD(K, email), PC_FIELD(K, message)};
   static const std::vector<Layout> table = {
      {PORTIER_SPACE_PBX, PORTIER_PBX_EV_RESULT, "portier_pbx_result_event", sizeof(R), pbx_result, {}},
      {PORTIER_SPACE_PBX, PORTIER_PBX_EV_SYNC_READY, "portier_pbx_result_event", sizeof(R), pbx_result, {}},
      {PORTIER_SPACE_PBX, PORTIER_PBX_EV_DEVICE, "portier_pbx_device_event", sizeof(D),
       {PC_FIELD(D, device), PC_FIELD(D, forward_to)}, {PC_FIELD(D, reserved)}},
      {PORTIER_SPACE_PBX, PORTIER_PBX_EV_CALL, "portier_pbx_call_event", sizeof(C),
       {PC_FIELD(C, device), PC_FIELD(C, call_id), PC_FIELD(C, secondary_call_id), PC_FIELD(C, calling),
        PC_FIELD(C, called), PC_FIELD(C, connected), PC_FIELD(C, redirecting)},
       {}},
      {PORTIER_SPACE_PBX, PORTIER_PBX_EV_FEATURES, "portier_pbx_features_event", sizeof(F),
       {PC_FIELD(F, device), PC_FIELD(F, forward_unconditional_to), PC_FIELD(F, forward_busy_to),
        PC_FIELD(F, forward_no_answer_to)},
       {PC_FIELD(F, reserved)}},
      {PORTIER_SPACE_TRUNK, PORTIER_TRUNK_EV_RESULT, "portier_trunk_result_event", sizeof(TR),
       {PC_FIELD(TR, call_id), PC_FIELD(TR, message)}, {}},
      {PORTIER_SPACE_TRUNK, PORTIER_TRUNK_EV_INCOMING, "portier_trunk_incoming_event", sizeof(TI),
       {PC_FIELD(TI, call_id), PC_FIELD(TI, caller), PC_FIELD(TI, called), PC_FIELD(TI, diverted_from),
        PC_FIELD(TI, original_called), PC_FIELD(TI, caller_name)},
       {PC_FIELD(TI, reserved)}},
      {PORTIER_SPACE_TRUNK, PORTIER_TRUNK_EV_PROGRESS, "portier_trunk_call_event", sizeof(TC), trunk_call,
       {PC_FIELD(TC, reserved)}},
      {PORTIER_SPACE_TRUNK, PORTIER_TRUNK_EV_ANSWERED, "portier_trunk_call_event", sizeof(TC), trunk_call,
       {PC_FIELD(TC, reserved)}},
      {PORTIER_SPACE_TRUNK, PORTIER_TRUNK_EV_ENDED, "portier_trunk_call_event", sizeof(TC), trunk_call,
       {PC_FIELD(TC, reserved)}},
      {PORTIER_SPACE_TRUNK, PORTIER_TRUNK_EV_MEDIA_DONE, "portier_trunk_call_event", sizeof(TC),
       trunk_call, {PC_FIELD(TC, reserved)}},
      {PORTIER_SPACE_TRUNK, PORTIER_TRUNK_EV_DTMF, "portier_trunk_call_event", sizeof(TC), trunk_call,
       {PC_FIELD(TC, reserved)}},
      {PORTIER_SPACE_TRUNK, PORTIER_TRUNK_EV_HOLD, "portier_trunk_call_event", sizeof(TC), trunk_call,
       {PC_FIELD(TC, reserved)}},
      {PORTIER_SPACE_TRUNK, PORTIER_TRUNK_EV_CONNECTED, "portier_trunk_call_event", sizeof(TC),
       trunk_call, {PC_FIELD(TC, reserved)}},
      {PORTIER_SPACE_TRUNK, PORTIER_TRUNK_EV_CHANNELS, "portier_trunk_channels_event", sizeof(TN), {}, {}},
      {PORTIER_SPACE_TRUNK, PORTIER_TRUNK_EV_CHANNEL_SPLIT, "portier_trunk_channel_split_event", sizeof(TS), {},
       {}},
      {PORTIER_SPACE_PRESENCE, PORTIER_PRESENCE_EV_STATE, "portier_presence_event", sizeof(P),
       {PC_FIELD(P, key), PC_FIELD(P, activity_text), PC_FIELD(P, note)}, {PC_FIELD(P, reserved)}},
      {PORTIER_SPACE_CALENDAR, PORTIER_CALENDAR_EV_READY, "portier_calendar_event", sizeof(K), calendar, {}},
      {PORTIER_SPACE_CALENDAR, PORTIER_CALENDAR_EV_CHANGED, "portier_calendar_event", sizeof(K), calendar,
       {}},
      {PORTIER_SPACE_DIRECTORY, PORTIER_DIRECTORY_EV_READY, "portier_directory_event", sizeof(Y),
       {PC_FIELD(Y, message)}, {PC_FIELD(Y, reserved)}},
   };
   return table;
}

#undef PC_FIELD

bool all_zero(const unsigned char *p, size_t n)
{
   for (size_t i = 0; i < n; ++i) {
      if (p[i] != 0) {
         return false;
      }
   }
   return true;
}

}  // namespace

std::vector<std::string> check_event(const portier_event_header *ev)
{
   std::vector<std::string> out;
   if (ev == nullptr) {
      out.emplace_back("posted a NULL event");
      return out;
   }
   const uint32_t size = ev->struct_size;
   if (size < sizeof(portier_event_header) || size > PORTIER_EVENT_MAX_SIZE) {
      out.push_back("posted an event of struct_size " + std::to_string(size) + " (must be " +
                    std::to_string(sizeof(portier_event_header)) + ".." +
                    std::to_string(PORTIER_EVENT_MAX_SIZE) + ")");
      return out;
   }
   const std::string what =
      "event space " + std::to_string(ev->space) + " type " + std::to_string(ev->type);
   if (ev->reserved != 0) {
      out.push_back(what + ": header.reserved is " + std::to_string(ev->reserved) + ", must be 0");
   }
   const auto *bytes = reinterpret_cast<const unsigned char *>(ev);
   for (const auto &layout : layouts()) {
      if (layout.space != ev->space || layout.type != ev->type) {
         continue;
      }
      if (size != layout.size) {
         out.push_back(what + ": struct_size " + std::to_string(size) + ", but " + layout.record +
                       " is " + std::to_string(layout.size) + " bytes");
         return out;
      }
      for (const auto &f : layout.strings) {
         if (std::memchr(bytes + f.offset, '\0', f.size) == nullptr) {
            out.push_back(what + ": " + f.name + " is not NUL-terminated within its " +
                          std::to_string(f.size) + " bytes");
         }
      }
      for (const auto &f : layout.reserved) {
         if (!all_zero(bytes + f.offset, f.size)) {
            out.push_back(what + ": " + f.name + " must be 0");
         }
      }
   }
   return out;
}

}  // namespace portier::check
