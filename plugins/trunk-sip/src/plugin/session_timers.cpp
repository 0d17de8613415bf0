// SPDX-License-Identifier: GPL-3.0-or-later
#include "session_timers.h"

#include <vector>

#include "call_end.h"
#include "core.h"
#include "message_build.h"

namespace portier::trunk {
namespace {

std::int64_t seconds_us(std::chrono::seconds s) { return static_cast<std::int64_t>(s.count()) * 1000000; }

void arm(Core &core, Call &call, std::uint32_t interval, bool we_refresh) {
   const std::int64_t now = core.host.now_us();
   call.session_interval = interval;
   call.we_refresh = we_refresh;
   call.refresh_at_us = we_refresh ? now + seconds_us(sip::refresh_after(interval)) : -1;
   call.expire_at_us = we_refresh ? -1 : now + seconds_us(sip::give_up_after(interval));
}

void send_refresh(Core &core, Call &call) {
   if (!call.dialog) return;
   sip::InDialogParts parts;
   parts.via = our_via(core);
   parts.contact = our_contact(core, {});
   const char *refresher = call.role == CallRole::incoming ? "uas" : "uac";
   parts.headers.emplace_back("Session-Expires", std::to_string(call.session_interval) + ";refresher=" + refresher);
   parts.headers.emplace_back("Supported", "timer");
   sip::BuildResult update = sip::build_in_dialog(*call.dialog, "UPDATE", parts);
   if (!update.message) return;
   const std::string id = call.id;
   core.layer->send_request(std::move(*update.message), call.peer, [&core, id](const sip::ClientReply &reply) {
      if (reply.response != nullptr && reply.response->status() < 200) return;
      const int status = reply.response == nullptr ? 408 : reply.response->status();
      // RFC 4028 10: a refresh answered 408 or 481 means the session is gone.
      if (status == 408 || status == 481) {
         core.host.warn("trunk.sip: " + id + ": session refresh failed (" + std::to_string(status) + ")");
         hangup_call(core, id, status);
      }
   });
}

}  // namespace

sip::SessionTimerAnswer session_answer(const Core &core, const sip::Message &request) {
   sip::SessionTimerOffer offer;
   offer.session_expires = request.header("Session-Expires");
   if (!offer.session_expires) offer.session_expires = request.header("x");
   offer.min_se = request.header("Min-SE");
   for (const std::string &v : request.header_values("Supported")) {
      if (sip::lists_timer(v)) offer.supports_timer = true;
   }
   for (const std::string &v : request.header_values("k")) {
      if (sip::lists_timer(v)) offer.supports_timer = true;
   }
   sip::SessionTimerPolicy policy;
   policy.min_se = static_cast<std::uint32_t>(core.settings.min_se_s);
   policy.preferred = static_cast<std::uint32_t>(core.settings.session_expires_s);
   return sip::answer_session_timer(offer, policy);
}

std::vector<std::pair<std::string, std::string>> session_headers(const sip::SessionTimerAnswer &answer) {
   std::vector<std::pair<std::string, std::string>> h;
   if (!answer.use_timer) return h;
   h.emplace_back("Session-Expires", answer.session_expires_value());
   if (answer.require_timer) h.emplace_back("Require", "timer");
   return h;
}

void arm_session(Core &core, Call &call, const sip::SessionTimerAnswer &answer) {
   if (!answer.use_timer) {
      call.refresh_at_us = call.expire_at_us = -1;
      return;
   }
   arm(core, call, answer.interval, answer.refresher == sip::Refresher::uas);
}

void arm_session_from_response(Core &core, Call &call, const sip::Message &ok) {
   auto value = ok.header("Session-Expires");
   if (!value) value = ok.header("x");
   if (!value) return;
   const auto se = sip::parse_session_expires(*value);
   if (!se || se->seconds == 0) return;
   // We sent the INVITE, so we are the UAC: we refresh unless the answer names the UAS.
   arm(core, call, se->seconds, se->refresher.value_or(sip::Refresher::uac) == sip::Refresher::uac);
}

void session_tick(Core &core) {
   const std::int64_t now = core.host.now_us();
   std::vector<std::string> expired;
   std::vector<std::string> hangups;
   for (auto &[id, call] : core.calls) {
      if (call->state != CallState::confirmed) continue;
      if (call->refresh_at_us >= 0 && now >= call->refresh_at_us) {
         call->refresh_at_us = now + seconds_us(sip::refresh_after(call->session_interval));
         send_refresh(core, *call);
      }
      if (call->expire_at_us >= 0 && now >= call->expire_at_us) expired.push_back(id);
      if (call->hangup_at_us >= 0 && now >= call->hangup_at_us) hangups.push_back(id);
   }
   for (const std::string &id : expired) {
      core.host.warn("trunk.sip: " + id + ": session expired without a refresh; BYE");
      hangup_call(core, id, 408);
   }
   for (const std::string &id : hangups) hangup_call(core, id, 0);
}

}  // namespace portier::trunk
