// SPDX-License-Identifier: GPL-3.0-or-later
#include "commands.h"

#include <portier/kind/trunk.h>

#include "call_end.h"
#include "call_media.h"
#include "connect.h"
#include "core.h"
#include "incoming.h"
#include "message_build.h"
#include "outgoing.h"
#include "records.h"

namespace portier::trunk {
namespace {

using Op = Command::Op;

Result<Call *> offered_call(Core &core, const std::string &id) {
   Call *call = find_call(core, id);
   if (call == nullptr) return portier::error(PORTIER_ERR_NOT_FOUND, "unknown call '" + id + "'");
   if (call->role != CallRole::incoming || call->state != CallState::offered) {
      return portier::error(PORTIER_ERR_STATE, "call '" + id + "' is not an unanswered incoming call");
   }
   return call;
}

Result<Call *> any_call(Core &core, const std::string &id) {
   Call *call = find_call(core, id);
   if (call == nullptr) return portier::error(PORTIER_ERR_NOT_FOUND, "unknown call '" + id + "'");
   return call;
}

Result<void> ring(Core &core, const Command &cmd) {
   auto call = offered_call(core, cmd.call_id);
   if (!call.ok()) return call.error();
   Call &c = *call.value();
   sip::Message ringing = sip::build_response(*c.invite, 180, c.local_tag);
   ringing.set_contact(our_contact(core, {}));
   if (!core.layer->respond(c.server_key, std::move(ringing))) {
      return portier::error(PORTIER_ERR_STATE, "the INVITE transaction is gone");
   }
   c.provisional_sent = true;
   return ok();
}

Result<void> answer(Core &core, const Command &cmd) {
   auto call = offered_call(core, cmd.call_id);
   if (!call.ok()) return call.error();
   answer_call(core, *call.value());
   return ok();
}

Result<void> reject(Core &core, const Command &cmd) {
   auto call = offered_call(core, cmd.call_id);
   if (!call.ok()) return call.error();
   Call &c = *call.value();
   core.layer->respond(c.server_key, sip::build_response(*c.invite, cmd.sip_status, c.local_tag));
   finish_call(core, cmd.call_id, cmd.sip_status);
   return ok();
}

Result<void> redirect(Core &core, const Command &cmd) {
   auto call = offered_call(core, cmd.call_id);
   if (!call.ok()) return call.error();
   redirect_call(core, *call.value(), cmd.target);
   return ok();
}

Result<void> hangup(Core &core, const Command &cmd) {
   auto call = any_call(core, cmd.call_id);
   if (!call.ok()) return call.error();
   // Only this leg: a caller relayed to it stays with the engine (hold, transfer, park).
   hangup_call(core, cmd.call_id, 0, false);
   return ok();
}

Result<void> play_command(Core &core, const Command &cmd) {
   auto call = any_call(core, cmd.call_id);
   if (!call.ok()) return call.error();
   if (!call.value()->relay_key.empty() || call.value()->referred) {
      return portier::error(PORTIER_ERR_STATE, "call '" + cmd.call_id + "' is connected");
   }
   return play(core, *call.value(), cmd.media_id, (cmd.flags & PORTIER_TRUNK_PLAY_LOOP) != 0,
               (cmd.flags & PORTIER_TRUNK_PLAY_APPEND) != 0);
}

Result<void> stop_command(Core &core, const Command &cmd) {
   auto call = any_call(core, cmd.call_id);
   if (!call.ok()) return call.error();
   stop_media(*call.value());
   return ok();
}

Result<void> load(Core &core, const Command &cmd) {
   auto loaded = core.library.load(cmd.media_id, cmd.path);
   if (!loaded.ok()) core.host.warn("trunk.sip: media '" + cmd.media_id + "': " + loaded.message());
   return loaded;
}

Result<void> run(Core &core, const Command &cmd) {
   switch (cmd.op) {
      case Op::ring: return ring(core, cmd);
      case Op::answer: return answer(core, cmd);
      case Op::reject: return reject(core, cmd);
      case Op::hangup: return hangup(core, cmd);
      case Op::play: return play_command(core, cmd);
      case Op::stop_media: return stop_command(core, cmd);
      case Op::load_media: return load(core, cmd);
      case Op::place_call: return place_call(core, cmd);
      case Op::connect: return connect_calls(core, cmd.call_id, cmd.other_call_id);
      case Op::redirect: return redirect(core, cmd);
   }
   return portier::error(PORTIER_ERR_INVALID, "unknown command");
}

}  // namespace

void run_command(Core &core, const Command &cmd) {
   Result<void> done = [&]() -> Result<void> {
      try {
         return run(core, cmd);
      } catch (const std::exception &e) {
         return portier::error(PORTIER_ERR_INTERNAL, std::string("exception: ") + e.what());
      }
   }();
   const std::string &id = cmd.op == Op::load_media ? cmd.media_id : cmd.call_id;
   if (done.ok()) {
      emit(core, result_record(cmd.correlation, PORTIER_OK, 0, id, ""));
   } else {
      emit(core, result_record(cmd.correlation, done.status(), done.detail(), id, done.message()));
   }
}

}  // namespace portier::trunk
