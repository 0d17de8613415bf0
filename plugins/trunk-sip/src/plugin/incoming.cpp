// SPDX-License-Identifier: GPL-3.0-or-later
#include "incoming.h"

#include <cctype>
#include <optional>
#include <string>

#include "admission.h"

#include "call_end.h"
#include "call_media.h"
#include "connect.h"
#include "core.h"
#include "message_build.h"
#include "offer_check.h"
#include "outgoing.h"
#include "records.h"
#include "request_check.h"
#include "sdp.h"
#include "session_timers.h"
#include "sip_identity.h"

namespace portier::trunk {
namespace {

constexpr std::int64_t kLoopAnswerUs = 5'000'000;  // the loop number's call lasts this long

bool lists_token(const sip::Message &m, std::string_view header, std::string_view token) {
   for (const std::string &v : m.header_values(header)) {
      if (v.find(token) != std::string::npos) return true;
   }
   return false;
}

void respond(Core &core, const std::string &key, const sip::Message &request, int status,
             std::string_view tag = {},
             const std::vector<std::pair<std::string, std::string>> &headers = {}) {
   sip::Message response = sip::build_response(request, status, tag);
   for (const auto &[name, value] : headers) response.add_header(name, value);
   core.layer->respond(key, std::move(response));
}

IdentityHeaders identity_headers(const sip::Message &invite) {
   IdentityHeaders h;
   h.request_uri = invite.request_uri();
   h.from = invite.from();
   h.asserted_identity = invite.header_values("P-Asserted-Identity");
   h.diversion = invite.header_values("Diversion");
   h.history_info = invite.header_values("History-Info");
   return h;
}

void note_capabilities(Call &call, const sip::Message &m) {
   if (lists_token(m, "Allow", "REFER")) call.peer_refer = true;
   if (lists_token(m, "Supported", "replaces") || lists_token(m, "k", "replaces")) call.peer_replaces = true;
}

// Sends the 200 with our SDP answer and starts waiting for the ACK.
void answer_incoming(Core &core, Call &call, const sip::SessionTimerAnswer &timer);

void on_new_invite(Core &core, const std::string &key, const sip::Message &invite, const sip::Source &source) {
   const std::string sip_call_id = invite.call_id();
   if (find_by_sip_call_id(core, sip_call_id) != nullptr) {
      respond(core, key, invite, 482);  // a second INVITE of a call we have (a fork loop)
      return;
   }
   if (core.settings.mode == Mode::config) {
      respond(core, key, invite, 503, sip::new_tag(), {{"Retry-After", "300"}});
      return;
   }
   const CallIdentity who = read_identity(identity_headers(invite));
   const NumberEntry *entry = core.settings.numbers.find(who.called);
   if (entry == nullptr) {
      core.host.info("trunk.sip: INVITE for unknown number '" + who.called + "': 404");
      respond(core, key, invite, 404, sip::new_tag());
      return;
   }
   const sip::SessionTimerAnswer timer = session_answer(core, invite);
   if (timer.reject_status != 0) {
      respond(core, key, invite, timer.reject_status, sip::new_tag(), {{"Min-SE", std::to_string(timer.min_se)}});
      return;
   }
   // An offerless INVITE (late offer, RFC 3261 13.2.1): our offer goes in the 200, the answer
   // comes in the ACK.
   const bool late_offer = invite.body().empty();
   std::optional<media::MediaPlan> plan;
   if (!late_offer) {
      auto offer = media::parse_sdp(invite.body());
      if (!offer.ok()) {
         sip::Message bad = sip::build_response(invite, 400, sip::new_tag(), "Bad SDP");
         core.layer->respond(key, std::move(bad));
         return;
      }
      auto negotiated = media::negotiate(offer.value());
      if (!negotiated.ok()) {
         respond(core, key, invite, 488, sip::new_tag(), {{"Accept", "application/sdp"}});
         return;
      }
      plan = negotiated.value();
   }
   const Admission admission = core.channels.admit_incoming(entry->kind);
   if (!admission.admitted) {
      core.host.warn("trunk.sip: no free channel for a call to " + who.called + ": " +
                     std::to_string(admission.sip_status));
      respond(core, key, invite, admission.sip_status, sip::new_tag());
      return;
   }
   if (admission.over_share) {
      core.host.info("trunk.sip: every processing channel in use: the call to " + who.called +
                     " goes to the engine for its DDI entry's overload rule");
   }
   if (admission.alert) {
      const ChannelCounters c = core.channels.counters();
      core.host.warn("trunk.sip: channel alert: " + std::to_string(c.processing_in_use) + " of " +
                     std::to_string(c.plan.processing) + " processing channels in use");
   }

   auto call = std::make_unique<Call>();
   call->id = "in-" + std::to_string(core.next_incoming++);
   call->role = CallRole::incoming;
   call->number_kind = entry->kind;
   call->channel = admission.kind;
   call->sip_call_id = sip_call_id;
   call->server_key = key;
   call->invite = invite.clone();
   call->local_tag = sip::new_tag();
   call->source = source;
   call->peer = source.peer;
   note_capabilities(*call, invite);
   if (auto opened = open_stream(core, *call); !opened.ok()) {
      core.channels.release(admission.kind);
      core.host.warn("trunk.sip: no RTP port for a call to " + who.called + ": " + opened.message());
      respond(core, key, invite, 503, call->local_tag, {{"Retry-After", "5"}});
      return;
   }
   if (plan) {
      apply_plan(*call, *plan);
      call->held = plan->held;
   }
   call->answer_in_ack = late_offer;
   respond(core, key, invite, 100);
   Call &c = *call;
   core.by_sip_call_id[sip_call_id] = c.id;
   core.calls[c.id] = std::move(call);
   report_channels(core);
   if (entry->kind == NumberKind::loop) {
      // The standby's "are you alive" call: answered here, never shown to the engine.
      answer_incoming(core, c, timer);
      c.hangup_at_us = core.host.now_us() + kLoopAnswerUs;
      return;
   }
   core.host.info("trunk.sip: " + c.id + ": INVITE from '" + who.caller + "' to " + who.called + " (" +
                  kind_name(entry->kind) + ")");
   emit(core, incoming_record(c.id, who));
}

void answer_incoming(Core &core, Call &call, const sip::SessionTimerAnswer &timer) {
   sip::Message ok = sip::build_response(*call.invite, 200, call.local_tag);
   ok.set_contact(our_contact(core, {}));
   ok.add_header("Allow", kAllow);
   ok.add_header("Supported", "timer");
   for (const auto &[name, value] : session_headers(timer)) ok.add_header(name, value);
   if (call.answer_in_ack || !call.plan) {
      ok.set_body(media::build_offer(call.local), "application/sdp");
   } else {
      const media::SessionDescription offer = media::parse_sdp(call.invite->body()).value();
      ok.set_body(media::build_answer(offer, *call.plan, call.local), "application/sdp");
   }
   call.dialog = sip::dialog_as_uas(*call.invite, call.local_tag);
   core.resender->start(ok, call.source, [&core, id = call.id] {
      core.host.warn("trunk.sip: " + id + ": no ACK for our 200; BYE");
      hangup_call(core, id, 408);
   });
   // State and session timer first, then the answer: a peer that reacts to the 200 at once
   // must find both in place.
   call.state = CallState::answering;
   arm_session(core, call, timer);
   core.layer->respond(call.server_key, std::move(ok));
}

// A re-INVITE or UPDATE: session refresh, hold and resume, a new remote address.
void on_refresh(Core &core, const std::string &key, const sip::Message &request, Call &call) {
   if (call.dialog && !sip::accept_remote_cseq(*call.dialog, request)) {
      respond(core, key, request, 500);
      return;
   }
   const sip::SessionTimerAnswer timer = session_answer(core, request);
   if (timer.reject_status != 0) {
      respond(core, key, request, timer.reject_status, {}, {{"Min-SE", std::to_string(timer.min_se)}});
      return;
   }
   if (call.dialog) sip::refresh_target(*call.dialog, request);
   sip::Message ok = sip::build_response(request, 200);
   ok.set_contact(our_contact(core, {}));
   for (const auto &[name, value] : session_headers(timer)) ok.add_header(name, value);
   if (!request.body().empty()) {
      auto offer = media::parse_sdp(request.body());
      if (!offer.ok()) {
         respond(core, key, request, 400);
         return;
      }
      auto plan = media::negotiate(offer.value());
      if (!plan.ok()) {
         respond(core, key, request, 488);
         return;
      }
      const bool held = plan.value().held;
      apply_plan(call, plan.value());
      ++call.local.version;
      ok.set_body(media::build_answer(offer.value(), plan.value(), call.local), "application/sdp");
      if (held != call.held) {
         call.held = held;
         emit(core, call_record(PORTIER_TRUNK_EV_HOLD, call.id, held ? 1 : 0));
      }
   } else if (request.method() == "INVITE" && call.plan && call.invite) {
      // An offerless re-INVITE: our offer goes in the 200, the answer comes in the ACK.
      ++call.local.version;
      ok.set_body(media::build_offer(call.local), "application/sdp");
      call.answer_in_ack = true;
   }
   if (request.method() == "INVITE") {
      core.resender->start(ok, call.source, [] {});
   }
   arm_session(core, call, timer);  // before the 200: the refresh counts from here
   core.layer->respond(key, std::move(ok));
}

void on_bye(Core &core, const std::string &key, const sip::Message &bye) {
   Call *call = find_by_sip_call_id(core, bye.call_id());
   if (call == nullptr) {
      respond(core, key, bye, 481);
      return;
   }
   respond(core, key, bye, 200);
   if (call->role == CallRole::incoming && call->state == CallState::offered) {
      // A BYE before our final response (RFC 3261 15.1.2 allows it with early dialogs).
      respond(core, call->server_key, *call->invite, 487, call->local_tag);
   }
   finish_call(core, call->id, 0);
}

// What trunk.sip serves, for lib-sip's request check (RFC 3261 8.2, RFC 4475): the methods of
// kAllow, the option tags we implement, and the offer check of lib-media.
const sip::RequestPolicy &request_policy() {
   static const sip::RequestPolicy policy = [] {
      sip::RequestPolicy p;
      p.served_methods = {"INVITE", "ACK", "CANCEL", "BYE", "OPTIONS", "UPDATE", "PRACK", "INFO", "NOTIFY"};
      p.check_sdp = media::offer_problem;
      return p;
   }();
   return policy;
}

void on_notify(Core &core, const std::string &key, const sip::Message &notify) {
   Call *call = find_by_sip_call_id(core, notify.call_id());
   respond(core, key, notify, call == nullptr ? 481 : 200);
   if (call != nullptr) on_refer_notify(core, *call, notify);
}

// The progress of our REFER: NOTIFY with a message/sipfrag body (RFC 3515 2.4.5), which
// lib-sip's request check (SDP bodies only) would refuse with 415.
bool is_refer_progress(const sip::Message &request) {
   if (request.method() != "NOTIFY") return false;
   std::string type = request.content_type();
   for (char &c : type) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
   return type.rfind("message/sipfrag", 0) == 0;
}

void on_request(Core &core, const std::string &key, const sip::Message &request, const sip::Source &source) {
   if (shed_when_behind(core, key, request, source)) return;  // a new INVITE while we are behind: 503
   if (is_refer_progress(request)) {
      on_notify(core, key, request);
      return;
   }
   const sip::RequestVerdict verdict = sip::check_request(request, request_policy());
   if (verdict.handling == sip::Handling::drop) return;
   if (verdict.handling == sip::Handling::reject) {
      core.layer->respond(key, sip::build_rejection(request, verdict));
      return;
   }
   const std::string method = request.method();
   if (method == "INVITE" && request.to_tag().empty()) {
      on_new_invite(core, key, request, source);
      return;
   }
   if (method == "INVITE" || method == "UPDATE") {  // in-dialog: session refresh or hold
      Call *call = find_by_sip_call_id(core, request.call_id());
      if (call == nullptr) {
         respond(core, key, request, 481);
         return;
      }
      on_refresh(core, key, request, *call);
      return;
   }
   if (method == "BYE") {
      on_bye(core, key, request);
      return;
   }
   if (method == "OPTIONS") {
      respond(core, key, request, 200, {},
              {{"Allow", kAllow}, {"Accept", "application/sdp"}, {"Supported", "timer"}});
      return;
   }
   if (method == "NOTIFY") {
      on_notify(core, key, request);
      return;
   }
   if (method == "PRACK" || method == "INFO") {
      respond(core, key, request, find_by_sip_call_id(core, request.call_id()) == nullptr ? 481 : 200);
      return;
   }
   respond(core, key, request, 405, {}, {{"Allow", kAllow}});
}

// The answer to the offer of our 200 (late offer): the media plan, or false when unusable.
bool take_answer_from_ack(Core &core, Call &call, const sip::Message &ack) {
   call.answer_in_ack = false;
   if (ack.body().empty()) return false;
   auto answer = media::parse_sdp(ack.body());
   if (!answer.ok()) return false;
   auto plan = media::negotiate(answer.value());
   if (!plan.ok()) return false;
   const bool held = plan.value().held;
   apply_plan(call, plan.value());
   if (held != call.held) {
      call.held = held;
      emit(core, call_record(PORTIER_TRUNK_EV_HOLD, call.id, held ? 1 : 0));
   }
   return true;
}

void on_ack(Core &core, const sip::Message &ack) {
   core.resender->acknowledge(ack);
   Call *call = find_by_sip_call_id(core, ack.call_id());
   if (call == nullptr) return;
   if (call->state == CallState::answering) call->state = CallState::confirmed;
   core.host.debug("trunk.sip: " + call->id + ": ACK");
   if (call->answer_in_ack && !take_answer_from_ack(core, *call, ack)) {
      // RFC 3261 13.2.2.4 leaves us no way to refuse an ACK: the session cannot work, so BYE.
      core.host.warn("trunk.sip: " + call->id + ": no usable SDP answer in the ACK; BYE");
      hangup_call(core, call->id, 488);
   }
}

void on_cancel(Core &core, const std::string &invite_key) {
   for (auto &[id, call] : core.calls) {
      if (call->role == CallRole::incoming && call->server_key == invite_key && call->state == CallState::offered) {
         finish_call(core, std::string(id), 487);
         return;
      }
   }
}

}  // namespace

void install_handlers(Core &core) {
   core.layer->on_request([&core](const std::string &key, const sip::Message &request, const sip::Source &source) {
      on_request(core, key, request, source);
   });
   core.layer->on_ack([&core](const sip::Message &ack, const sip::Source &) { on_ack(core, ack); });
   core.layer->on_cancel([&core](const std::string &key, const sip::Message &) { on_cancel(core, key); });
   core.layer->on_stray_response([&core](const sip::Message &response, const sip::Source &) {
      resend_ack(core, response);
   });
}

// The engine's answer command (commands.cpp) goes through here so the 200 is built in one place.
void answer_call(Core &core, Call &call) {
   answer_incoming(core, call, session_answer(core, *call.invite));
}

void redirect_call(Core &core, Call &call, const std::string &target) {
   // The provider is the PBX we register at; without a registrar (tests) our own host.
   const std::string at = registrar_peer(core).address.empty() ? core.sip_host : registrar_hostport(core);
   sip::Message moved = sip::build_response(*call.invite, 302, call.local_tag);
   moved.add_header("Contact", "<sip:" + target + "@" + at + ">");
   core.layer->respond(call.server_key, std::move(moved));
   core.host.info("trunk.sip: " + call.id + ": redirected (302) to " + target);
   finish_call(core, std::string(call.id), 302);
}

}  // namespace portier::trunk
