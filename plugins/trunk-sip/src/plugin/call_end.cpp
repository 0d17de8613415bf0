// SPDX-License-Identifier: GPL-3.0-or-later
#include "call_end.h"

#include "call_media.h"
#include "core.h"
#include "early_media.h"
#include "message_build.h"
#include "records.h"

namespace portier::trunk {

void send_bye(Core &core, Call &call) {
   if (!call.dialog) return;
   sip::InDialogParts parts;
   parts.via = our_via(core);
   sip::BuildResult bye = sip::build_in_dialog(*call.dialog, "BYE", parts);
   if (!bye.message) {
      core.host.warn("trunk.sip: " + call.id + ": BYE not built: " + bye.error);
      return;
   }
   core.layer->send_request(std::move(*bye.message), call.peer, [](const sip::ClientReply &) {});
}

void hangup_call(Core &core, const std::string &call_id, std::int32_t ended_value, bool end_partner) {
   Call *call = find_call(core, call_id);
   if (call == nullptr) return;
   if (call->role == CallRole::incoming && call->state == CallState::offered) {
      sip::Message busy = sip::build_response(*call->invite, 480, call->local_tag);
      core.layer->respond(call->server_key, std::move(busy));
   } else if (call->role == CallRole::outgoing && call->state == CallState::early) {
      sip::Message cancel = sip::build_cancel(*call->invite);
      core.layer->send_request(std::move(cancel), call->peer, [](const sip::ClientReply &) {});
   } else {
      send_bye(core, *call);
   }
   finish_call(core, call_id, ended_value, end_partner);
}

void finish_call(Core &core, const std::string &call_id, std::int32_t value, bool end_partner) {
   auto it = core.calls.find(call_id);
   if (it == core.calls.end()) return;
   std::unique_ptr<Call> call = std::move(it->second);
   core.calls.erase(it);
   core.by_sip_call_id.erase(call->sip_call_id);

   // A relay reads both streams: it goes before either of them.
   std::string partner;
   if (!call->relay_key.empty()) {
      core.relays.erase(call->relay_key);
      partner = call->partner;
      if (Call *other = find_call(core, partner)) {
         other->relay_key.clear();
         other->partner.clear();
      }
   }
   unlink_early_media(core, *call);
   close_media(*call);
   if (call->channel) core.channels.release(*call->channel);
   emit(core, call_record(PORTIER_TRUNK_EV_ENDED, call->id, value));
   report_channels(core);
   core.host.info("trunk.sip: " + call->id + ": ended (" + std::to_string(value) + ")");
   // Relayed legs live and die together when a far end leaves (a REFERred pair belongs to the
   // PBX instead); the engine's hangup of one leg, to hold or transfer the caller, keeps the other.
   if (end_partner && !partner.empty() && !call->referred) hangup_call(core, partner, 0);
}

}  // namespace portier::trunk
