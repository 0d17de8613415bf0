// SPDX-License-Identifier: GPL-3.0-or-later
#include "connect.h"

#include <portier/kind/trunk.h>

#include "call_end.h"
#include "call_media.h"
#include "core.h"
#include "early_media.h"
#include "message_build.h"
#include "records.h"

namespace portier::trunk {
namespace {

std::string escape_param(const std::string &text) {
   std::string out;
   for (char c : text) {
      if (c == ';') out += "%3B";
      else if (c == '=') out += "%3D";
      else if (c == '@') out += "%40";
      else if (c == '?') out += "%3F";
      else if (c == '&') out += "%26";
      else if (c == ' ') out += "%20";
      else out.push_back(c);
   }
   return out;
}

bool can_refer(const Call &a) { return a.peer_refer && a.peer_replaces && a.dialog.has_value(); }

Result<void> relay(Core &core, Call &a, Call &b) {
   stop_media(a);
   stop_media(b);
   unlink_early_media(core, b);
   unlink_early_media(core, a);
   stop_media(a);  // unlinking may have given music back
   stop_media(b);
   const std::string key = "relay:" + a.id;
   core.relays[key] = std::make_unique<media::Relay>(*a.stream, *b.stream);
   a.relay_key = b.relay_key = key;
   a.partner = b.id;
   b.partner = a.id;
   emit(core, call_record(PORTIER_TRUNK_EV_CONNECTED, a.id, 0, b.id));
   core.host.info("trunk.sip: " + a.id + " and " + b.id + " connected by relay");
   return ok();
}

Result<void> refer(Core &core, Call &a, Call &b) {
   // b's dialog seen from the target: its Call-ID, the target's tag (to-tag) and ours (from-tag).
   const std::string refer_to = refer_to_with_replaces(b.dialog->remote_target, b.dialog->id.call_id,
                                                       b.dialog->id.remote_tag, b.dialog->id.local_tag);
   sip::InDialogParts parts;
   parts.via = our_via(core);
   parts.contact = our_contact(core, {});
   parts.headers.emplace_back("Refer-To", refer_to);
   parts.headers.emplace_back("Referred-By", our_contact(core, core.settings.register_id));
   sip::BuildResult built = sip::build_in_dialog(*a.dialog, "REFER", parts);
   if (!built.message) return portier::error(PORTIER_ERR_INTERNAL, "REFER not built: " + built.error);
   a.partner = b.id;
   b.partner = a.id;
   const std::string a_id = a.id;
   const std::string b_id = b.id;
   core.layer->send_request(std::move(*built.message), a.peer, [&core, a_id, b_id](const sip::ClientReply &reply) {
      if (reply.response != nullptr && reply.response->status() < 300) return;
      // Refused: fall back to relaying, so the engine still gets its connection.
      Call *a = find_call(core, a_id);
      Call *b = find_call(core, b_id);
      if (a == nullptr || b == nullptr || !a->stream || !b->stream) return;
      core.host.info("trunk.sip: REFER refused; relaying " + a_id + " and " + b_id);
      (void)relay(core, *a, *b);
   });
   core.host.info("trunk.sip: " + a.id + ": REFER to replace " + b.id);
   return ok();
}

}  // namespace

std::string refer_to_with_replaces(const std::string &remote_target, const std::string &call_id,
                                   const std::string &to_tag, const std::string &from_tag) {
   std::string target = remote_target;
   if (!target.empty() && target.front() == '<') target = target.substr(1, target.find('>') - 1);
   return "<" + target + "?Replaces=" + escape_param(call_id) + "%3Bto-tag%3D" + escape_param(to_tag) +
          "%3Bfrom-tag%3D" + escape_param(from_tag) + ">";
}

Result<void> connect_calls(Core &core, const std::string &a_id, const std::string &b_id) {
   Call *a = find_call(core, a_id);
   Call *b = find_call(core, b_id);
   if (a == nullptr) return portier::error(PORTIER_ERR_NOT_FOUND, "unknown call '" + a_id + "'");
   if (b == nullptr) return portier::error(PORTIER_ERR_NOT_FOUND, "unknown call '" + b_id + "'");
   if (a == b) return portier::error(PORTIER_ERR_INVALID, "a call cannot be connected to itself");
   const auto answered = [](const Call &c) {
      return c.state == CallState::confirmed || c.state == CallState::answering;
   };
   if (!answered(*a) || !answered(*b)) return portier::error(PORTIER_ERR_STATE, "both calls must be answered");
   if (!a->partner.empty() || !b->partner.empty()) return portier::error(PORTIER_ERR_STATE, "already connected");
   if (!a->stream || !b->stream) return portier::error(PORTIER_ERR_STATE, "a call has no media");
   if (can_refer(*a) && b->dialog) return refer(core, *a, *b);
   return relay(core, *a, *b);
}

void on_refer_notify(Core &core, Call &call, const sip::Message &notify) {
   if (call.partner.empty() || call.referred) return;
   const std::string body = notify.body();
   if (body.rfind("SIP/2.0 ", 0) != 0 || body.size() < 11) return;
   const int status = std::atoi(body.substr(8, 3).c_str());
   if (status < 200) return;
   if (status >= 300) {
      Call *b = find_call(core, call.partner);
      if (b != nullptr && call.stream && b->stream) (void)relay(core, call, *b);
      return;
   }
   call.referred = true;
   const std::string a_id = call.id;
   const std::string b_id = call.partner;
   Call *b = find_call(core, b_id);
   if (b != nullptr) b->referred = true;
   stop_media(call);
   emit(core, call_record(PORTIER_TRUNK_EV_CONNECTED, a_id, 0, b_id));
   core.host.info("trunk.sip: " + a_id + " and " + b_id + " joined by the PBX (REFER); leaving both");
   // The media no longer passes us: as transferor we end our dialog with the transferee
   // (RFC 5589 6), and the replaced leg too, in case the target does not (RFC 3891 3).
   hangup_call(core, a_id, 0);
   hangup_call(core, b_id, 0);
}

}  // namespace portier::trunk
