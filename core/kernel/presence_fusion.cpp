// SPDX-License-Identifier: GPL-3.0-or-later
#include "kernel/presence_fusion.h"

#include <array>

#include <portier/kind/pbx.h>
#include <portier/kind/presence.h>

#include "kernel/device_board.h"

namespace portier::kernel {

namespace {

bool phone_known(const std::optional<PhonePart> &phone) {
   return phone && phone->state > PORTIER_PBX_DEVICE_UNKNOWN && phone->state <= PORTIER_PBX_DEVICE_OUT_OF_SERVICE;
}

bool presence_known(const std::optional<PresencePart> &presence) {
   return presence && presence->availability > PORTIER_AVAILABILITY_UNKNOWN &&
          presence->availability <= PORTIER_AVAILABILITY_OFFLINE;
}

// What a phone state says about the person: a forwarded phone means they are not at the desk.
const char *summary_of_phone(std::int32_t state) {
   switch (state) {
      case PORTIER_PBX_DEVICE_IDLE: return "available";
      case PORTIER_PBX_DEVICE_RINGING:
      case PORTIER_PBX_DEVICE_BUSY:
      case PORTIER_PBX_DEVICE_HELD: return "busy";
      case PORTIER_PBX_DEVICE_DND: return "dnd";
      case PORTIER_PBX_DEVICE_FORWARDED: return "away";
      case PORTIER_PBX_DEVICE_OUT_OF_SERVICE: return "offline";
      default: return "unknown";
   }
}

bool phone_active(std::int32_t state) {
   return state == PORTIER_PBX_DEVICE_RINGING || state == PORTIER_PBX_DEVICE_BUSY || state == PORTIER_PBX_DEVICE_HELD;
}

FusedState decided_by_phone(const std::optional<PhonePart> &phone, const std::optional<PresencePart> &presence) {
   return FusedState{summary_of_phone(phone->state), StateFrom::phone, phone->stale, phone, presence};
}

FusedState decided_by_presence(const std::optional<PhonePart> &phone, const std::optional<PresencePart> &presence) {
   return FusedState{availability_name(presence->availability), StateFrom::presence, presence->stale, phone, presence};
}

}  // namespace

bool is_stale(std::int64_t confirmed_us, std::int64_t now_us, std::int64_t stale_after_s) {
   return now_us - confirmed_us >= stale_after_s * 1000000;
}

std::optional<FusedState> fuse(const std::optional<PhonePart> &phone, const std::optional<PresencePart> &presence,
                               const std::vector<PrecedenceRule> &rules) {
   if (!phone && !presence) return std::nullopt;
   const bool fresh_phone = phone_known(phone) && !phone->stale;
   const bool fresh_presence = presence_known(presence) && !presence->stale;
   for (PrecedenceRule rule : rules) {
      switch (rule) {
         case PrecedenceRule::phone_active:
            if (fresh_phone && phone_active(phone->state)) return decided_by_phone(phone, presence);
            break;
         case PrecedenceRule::phone_dnd:
            if (fresh_phone && phone->state == PORTIER_PBX_DEVICE_DND) return decided_by_phone(phone, presence);
            break;
         case PrecedenceRule::presence:
            if (fresh_presence) return decided_by_presence(phone, presence);
            break;
         case PrecedenceRule::phone:
            if (fresh_phone) return decided_by_phone(phone, presence);
            break;
         case PrecedenceRule::any_stale: {
            // The most recently confirmed of the known parts; ties go to the phone.
            const bool use_phone = phone_known(phone) &&
                                   (!presence_known(presence) || phone->confirmed_us >= presence->confirmed_us);
            if (use_phone) return decided_by_phone(phone, presence);
            if (presence_known(presence)) return decided_by_presence(phone, presence);
            break;
         }
      }
   }
   FusedState undecided{"unknown", phone ? StateFrom::phone : StateFrom::presence, false, phone, presence};
   undecided.stale = phone ? phone->stale : presence->stale;
   return undecided;
}

const char *availability_name(std::int32_t availability) {
   static constexpr std::array<const char *, 6> kNames = {"unknown", "available", "busy", "away", "dnd", "offline"};
   if (availability < 0 || static_cast<std::size_t>(availability) >= kNames.size()) return kNames[0];
   return kNames[static_cast<std::size_t>(availability)];
}

const char *activity_name(std::int32_t activity) {
   static constexpr std::array<const char *, 10> kNames = {"none",          "in_a_call", "in_a_meeting",
                                                          "presenting",    "out_of_office", "away",
                                                          "be_right_back", "off_work",  "focusing",
                                                          "other"};
   if (activity < 0 || static_cast<std::size_t>(activity) >= kNames.size()) return "other";
   return kNames[static_cast<std::size_t>(activity)];
}

nlohmann::json to_json(const FusedState &state, std::int64_t epoch_offset_ms) {
   nlohmann::json j{{"summary", state.summary},
                    {"from", state.from == StateFrom::phone ? "phone" : "presence"},
                    {"stale", state.stale}};
   if (state.phone) {
      j["phone"] = {{"state", std::string(lamp_state_name(state.phone->state))},
                    {"source", state.phone->source},
                    {"confirmed_ms", state.phone->confirmed_us / 1000 + epoch_offset_ms},
                    {"stale", state.phone->stale}};
   }
   if (state.presence) {
      j["presence"] = {{"availability", availability_name(state.presence->availability)},
                       {"activity", activity_name(state.presence->activity)},
                       {"activity_text", state.presence->activity_text},
                       {"note", state.presence->note},
                       {"source", state.presence->source},
                       {"confirmed_ms", state.presence->confirmed_us / 1000 + epoch_offset_ms},
                       {"stale", state.presence->stale}};
   }
   return j;
}

}  // namespace portier::kernel
