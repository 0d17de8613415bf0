// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/host/command_failures.h"

namespace portier::engine {
namespace {

constexpr int kSipServerError = 500;
constexpr int kSipUnavailable = 503;
constexpr int kSipBusy = 486;

// A SIP status for the engine's on_ended: the trunk's own when it gave one.
int sip_status_of(const CommandFailure &failure) {
   if (failure.detail >= 400 && failure.detail <= 699) return failure.detail;
   return failure.status == PORTIER_ERR_UNAVAILABLE ? kSipUnavailable : kSipServerError;
}

}  // namespace

void apply_failure(const CommandFailure &failure, Engine &engine, TrunkPort &trunk) {
   switch (failure.command) {
      case TrunkCommand::place_call:
         engine.on_ended(failure.call_id, sip_status_of(failure));
         return;
      case TrunkCommand::answer:
         trunk.hangup(failure.call_id);
         engine.on_ended(failure.call_id, sip_status_of(failure));
         return;
      case TrunkCommand::connect:
         // The caller stays: the engine hangs up the other side and puts the caller back.
         engine.on_connect_failed(failure.call_id, failure.other_call_id, sip_status_of(failure));
         return;
      case TrunkCommand::play:
         if (!failure.loop) engine.on_media_done(failure.call_id, failure.media_id);
         return;
      case TrunkCommand::redirect:
         // The caller must not be left ringing: refused busy as when the trunk cannot redirect.
         trunk.reject(failure.call_id, kSipBusy);
         return;
      case TrunkCommand::ring:
      case TrunkCommand::reject:
      case TrunkCommand::hangup:
      case TrunkCommand::stop_media:
      case TrunkCommand::load_media:
         return;
   }
}

std::string describe(const CommandFailure &failure) {
   std::string line = failure.call_id + ": " + command_name(failure.command);
   if (!failure.media_id.empty()) line += " '" + failure.media_id + "'";
   if (!failure.other_call_id.empty()) {
      const char *joint = failure.command == TrunkCommand::place_call ? " for "
                          : failure.command == TrunkCommand::redirect ? " to "
                                                                       : " with ";
      line += joint + failure.other_call_id;
   }
   line += " failed: ";
   line += portier_status_name(failure.status);
   if (failure.detail != 0) line += " (" + std::to_string(failure.detail) + ")";
   if (!failure.message.empty()) line += " " + failure.message;
   return line;
}

}  // namespace portier::engine
