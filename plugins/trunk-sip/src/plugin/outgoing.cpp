// SPDX-License-Identifier: GPL-3.0-or-later
#include "outgoing.h"

#include <portier/kind/trunk.h>

#include "call_end.h"
#include "call_media.h"
#include "core.h"
#include "early_media.h"
#include "incoming.h"
#include "message_build.h"
#include "records.h"
#include "sdp.h"
#include "session_timers.h"

namespace portier::trunk {
namespace {

// The answer to our offer as a plan for the stream (the answer's codec and address).
std::optional<media::MediaPlan> plan_from_answer(const sip::Message &m) {
   if (m.body().empty()) return std::nullopt;
   auto sdp = media::parse_sdp(m.body());
   if (!sdp.ok()) return std::nullopt;
   auto plan = media::negotiate(sdp.value());
   if (!plan.ok()) return std::nullopt;
   // We offered sendrecv; the direction we send in follows what the answer allows.
   media::MediaPlan p = plan.value();
   p.answer_direction = p.held ? media::Direction::recvonly : media::Direction::sendrecv;
   return p;
}

void send_ack(Core &core, Call &call) {
   if (!call.dialog || !call.invite) return;
   sip::InDialogParts parts;
   parts.via = our_via(core);
   const std::uint32_t cseq = call.invite->cseq() ? call.invite->cseq()->number : 1;
   sip::BuildResult ack = sip::build_ack_for_success(*call.dialog, cseq, parts);
   if (ack.message) core.layer->send_ack(*ack.message, call.peer);
}

void note_capabilities(Call &call, const sip::Message &m) {
   for (const std::string &v : m.header_values("Allow")) {
      if (v.find("REFER") != std::string::npos) call.peer_refer = true;
   }
   for (const std::string &v : m.header_values("Supported")) {
      if (v.find("replaces") != std::string::npos) call.peer_replaces = true;
   }
}

void on_reply(Core &core, const std::string &id, const sip::ClientReply &reply) {
   Call *call = find_call(core, id);
   if (call == nullptr) return;
   if (reply.response == nullptr) {
      core.host.info("trunk.sip: " + id + ": INVITE failed: " + reply.failure);
      finish_call(core, id, 408);
      return;
   }
   const sip::Message &res = *reply.response;
   const int status = res.status();
   if (status < 200) {
      if (status == 100) return;
      if (auto plan = plan_from_answer(res)) apply_plan(*call, *plan);
      if (!call->progress_sent) {
         call->progress_sent = true;
         emit(core, call_record(PORTIER_TRUNK_EV_PROGRESS, id, status));
      }
      link_early_media(core, *call);
      return;
   }
   if (status >= 300) {
      core.host.info("trunk.sip: " + id + ": leg refused " + std::to_string(status));
      finish_call(core, id, status);
      return;
   }
   if (call->state == CallState::confirmed) return;  // a 2xx from a second fork: ignored
   call->dialog = sip::dialog_as_uac(*call->invite, res);
   if (!call->dialog) {
      finish_call(core, id, 500);
      return;
   }
   call->state = CallState::confirmed;
   note_capabilities(*call, res);
   send_ack(core, *call);
   if (auto plan = plan_from_answer(res)) apply_plan(*call, *plan);
   arm_session_from_response(core, *call, res);
   unlink_early_media(core, *call);
   emit(core, call_record(PORTIER_TRUNK_EV_ANSWERED, id, status));
}

}  // namespace

Result<void> place_call(Core &core, const Command &cmd) {
   if (find_call(core, cmd.call_id) != nullptr) {
      return portier::error(PORTIER_ERR_INVALID, "call id '" + cmd.call_id + "' is in use");
   }
   if (!cmd.other_call_id.empty() && find_call(core, cmd.other_call_id) == nullptr) {
      return portier::error(PORTIER_ERR_NOT_FOUND, "unknown call '" + cmd.other_call_id + "'");
   }
   if (!core.channels.take_operational()) {
      return portier::error(PORTIER_ERR_BUSY, "no operational channel free", 486);
   }
   auto call = std::make_unique<Call>();
   call->id = cmd.call_id;
   call->role = CallRole::outgoing;
   call->state = CallState::early;
   call->channel = ChannelKind::operational;
   call->for_call = cmd.other_call_id;
   call->early_media = cmd.early_media;
   call->peer = registrar_peer(core);
   if (auto opened = open_stream(core, *call); !opened.ok()) {
      core.channels.release(ChannelKind::operational);
      return portier::error(PORTIER_ERR_UNAVAILABLE, "no RTP port: " + opened.message(), 503);
   }
   const std::string host = registrar_hostport(core);
   call->sip_call_id = sip::new_call_id(core.sip_host);
   call->local_tag = sip::new_tag();
   sip::RequestParts parts;
   parts.method = "INVITE";
   parts.request_uri = "sip:" + cmd.target + "@" + host;
   parts.from = "<sip:" + (cmd.caller.empty() ? core.settings.register_id : cmd.caller) + "@" + host +
                ">;tag=" + call->local_tag;
   parts.to = "<sip:" + cmd.target + "@" + host + ">";
   parts.call_id = call->sip_call_id;
   parts.cseq = 1;
   parts.via = our_via(core);
   parts.contact = our_contact(core, core.settings.register_id);
   parts.headers.emplace_back("Allow", kAllow);
   parts.headers.emplace_back("Supported", "timer");
   parts.headers.emplace_back("Session-Expires", std::to_string(core.settings.session_expires_s));
   parts.headers.emplace_back("Min-SE", std::to_string(core.settings.min_se_s));
   if (!cmd.charge_number.empty()) parts.headers.emplace_back("X-Siemens-CDR", cmd.charge_number);
   parts.body = media::build_offer(call->local);
   parts.content_type = "application/sdp";
   sip::BuildResult built = sip::build_request(parts);
   if (!built.message) {
      core.channels.release(ChannelKind::operational);
      return portier::error(PORTIER_ERR_INVALID, "INVITE not built: " + built.error);
   }
   call->invite = built.message->clone();
   const std::string id = call->id;
   core.by_sip_call_id[call->sip_call_id] = id;
   core.calls[id] = std::move(call);
   report_channels(core);
   core.calls[id]->client_key = core.layer->send_request(
       std::move(*built.message), core.calls[id]->peer,
       [&core, id](const sip::ClientReply &reply) { on_reply(core, id, reply); });
   core.host.info("trunk.sip: " + id + ": INVITE to " + cmd.target);
   return ok();
}

void resend_ack(Core &core, const sip::Message &response) {
   if (response.status() < 200 || response.status() >= 300) return;
   const auto cseq = response.cseq();
   if (!cseq || cseq->method != "INVITE") return;
   Call *call = find_by_sip_call_id(core, response.call_id());
   if (call != nullptr && call->role == CallRole::outgoing && call->state == CallState::confirmed) send_ack(core, *call);
}

}  // namespace portier::trunk
