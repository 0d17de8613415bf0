// SPDX-License-Identifier: GPL-3.0-or-later
// Simulated callers: outside numbers that dial a CPS number, which the PBX routes over the
// trunk to the registered contact of the provider service.
#include "sip/sip_side_impl.h"

#include "message_build.h"
#include "sip/sip_uri.h"

namespace portier::pbxsim {

std::string SipSide::Impl::place_call(const CallRequest &request) {
   if (!cps.contains(request.to)) return "404 " + request.to + " is not a CPS number";
   auto binding = registrar.binding(now_ms());
   if (!binding) return "480 the trunk " + options.trunk.register_id + " is not registered";
   auto leg = std::make_unique<Leg>();
   leg->caller = true;
   leg->party = request.from;
   leg->number = request.to;
   leg->plan = request;
   const std::uint64_t id = next_leg;
   if (std::string error = invite_trunk(std::move(leg), *binding, request.from, {}); !error.empty()) return error;
   log(SimLogLevel::info, "sip: " + request.from + " calls " + request.to + " over the trunk");
   if (request.give_up_after_ms) give_up_later(*legs[id], *request.give_up_after_ms);
   return {};
}

std::string SipSide::Impl::invite_trunk(std::unique_ptr<Leg> leg, const TrunkBinding &binding,
                                        const std::string &from_user, const std::string &display) {
   leg->id = next_leg++;
   leg->peer = binding.peer;
   if (auto error = lease_port(*leg)) return "503 no RTP port: " + *error;

   const std::string host = "127.0.0.1";
   sip::RequestParts parts;
   parts.method = "INVITE";
   parts.request_uri = binding.contact;
   // The trunk's own request URI carries the called number: the dialled CPS number goes in To.
   std::string name;
   for (char c : display.substr(0, 64))
      if (c != '"' && c != '\\' && c >= ' ') name += c;
   parts.from = (name.empty() ? "" : "\"" + name + "\" ") + "<sip:" + from_user + "@" + host + ";user=phone>;tag=" +
                sip::new_tag();
   parts.to = "<sip:" + leg->number + "@" + host + ";user=phone>";
   parts.call_id = sip::new_call_id(host);
   parts.via = via();
   parts.contact = contact(from_user);
   parts.headers = {{"Supported", "timer, replaces"}, {"Allow", "INVITE, ACK, CANCEL, BYE, OPTIONS, REFER, NOTIFY, UPDATE"}};
   parts.body = offer_for(*leg, media::Direction::sendrecv);
   parts.content_type = "application/sdp";
   // The contact's user part is the trunk's; the called number is put there as a PBX does.
   if (auto at = binding.contact.find('@'); at != std::string::npos) {
      auto colon = binding.contact.find(':');
      if (colon != std::string::npos && colon < at)
         parts.request_uri = binding.contact.substr(0, colon + 1) + leg->number + binding.contact.substr(at);
   }
   auto built = sip::build_request(parts);
   if (!built.message) return "500 " + built.error;
   leg->invite = built.message->clone();
   const std::uint64_t id = leg->id;
   Leg &placed = *leg;
   legs.emplace(id, std::move(leg));
   placed.invite_key = layer->send_request(std::move(*built.message), placed.peer,
                                           [this, id, alive_flag = alive](const sip::ClientReply &reply) {
                                              if (*alive_flag) on_caller_reply(id, reply);
                                           });
   return {};
}

// A caller nobody answers hangs up after a while, as people do: CANCEL (9.1), and the 487
// ends the leg. Without it, calls to a trunk that never answers would pile up.
void SipSide::Impl::give_up_later(Leg &leg, std::uint32_t after_ms) {
   const std::uint64_t id = leg.id;
   leg.give_up_timer = std::make_unique<boost::asio::steady_timer>(io, std::chrono::milliseconds(after_ms));
   leg.give_up_timer->async_wait([this, id, alive_flag = alive](const boost::system::error_code &ec) {
      if (ec || !*alive_flag) return;
      Leg *l = find_leg(id);
      if (!l || l->dialog || l->state == LegState::ended || l->final_status != 0) return;
      log(SimLogLevel::info, "sip: nobody answers " + l->party + "'s call to " + l->number + "; CANCEL");
      layer->send_request(sip::build_cancel(l->invite), l->peer, [](const sip::ClientReply &) {});
      l->final_status = 487;
   });
}

void SipSide::Impl::on_caller_reply(std::uint64_t id, const sip::ClientReply &reply) {
   Leg *leg = find_leg(id);
   if (!leg || leg->state == LegState::ended) return;
   if (!reply.response) {
      leg->final_status = 408;
      log(SimLogLevel::warning, "sip: the call of " + leg->party + " failed: " + reply.failure);
      if (leg->from_office) office_failed(*leg, 0);
      forget(id);
      return;
   }
   const sip::Message &response = *reply.response;
   const int status = response.status();
   if (status < 200) {
      leg->provisional = true;
      if (leg->cancel_pending) {
         leg->cancel_pending = false;
         layer->send_request(sip::build_cancel(leg->invite), leg->peer, [](const sip::ClientReply &) {});
      }
      if (status > 100) {
         leg->state = LegState::ringing;
         if (leg->from_office) office_alerting(*leg);
      }
      return;
   }
   leg->final_status = status;
   if (status >= 300) {
      log(SimLogLevel::info, "sip: the call of " + leg->party + " to " + leg->number + " got " + std::to_string(status));
      if (leg->from_office) office_failed(*leg, status);
      forget(id);
      return;
   }
   leg->dialog = sip::dialog_as_uac(leg->invite, response);
   if (!leg->dialog) {
      forget(id);
      return;
   }
   if (auto target = uri_peer(leg->dialog->remote_target)) leg->peer = *target;
   auto ack = sip::build_ack_for_success(*leg->dialog, leg->dialog->local_cseq, sip::InDialogParts{via(), {}, {}, {}, {}});
   if (ack.message) layer->send_ack(*ack.message, leg->peer);
   if (!apply_sdp(*leg, response.body())) {
      log(SimLogLevel::warning, "sip: the answer to " + leg->party + "'s call has no usable SDP; hanging up");
      send_bye(*leg);
      return;
   }
   leg->state = LegState::talking;
   leg->invite_key.clear();
   if (leg->give_up_timer) leg->give_up_timer->cancel();
   if (leg->from_office && !office_answered(*leg)) {
      // The office phone hung up while the answer was on its way.
      send_bye(*leg);
      return;
   }
   log(SimLogLevel::info, "sip: " + leg->party + " talks to " + leg->number);
   play_tone(*leg);
   after_answer(*leg);
}

void SipSide::Impl::after_answer(Leg &leg) {
   const std::uint64_t id = leg.id;
   if (leg.plan && leg.plan->hold_after_ms) {
      leg.hold_timer = std::make_unique<boost::asio::steady_timer>(io, std::chrono::milliseconds(*leg.plan->hold_after_ms));
      leg.hold_timer->async_wait([this, id, alive_flag = alive](const boost::system::error_code &ec) {
         if (ec || !*alive_flag) return;
         if (Leg *l = find_leg(id); l && l->state == LegState::talking) hold(*l, true);
      });
   }
   if (leg.plan && leg.plan->hang_up_after_ms) {
      leg.hang_up_timer = std::make_unique<boost::asio::steady_timer>(io, std::chrono::milliseconds(*leg.plan->hang_up_after_ms));
      leg.hang_up_timer->async_wait([this, id, alive_flag = alive](const boost::system::error_code &ec) {
         if (ec || !*alive_flag) return;
         if (Leg *l = find_leg(id); l && l->state != LegState::ended) {
            if (l->joined_with != 0) {
               if (Leg *phone = find_leg(l->joined_with)) {
                  end_phone_in_office(*phone);
                  forget(phone->id);
               }
               log(SimLogLevel::info, "sip: " + l->party + " hangs up");
               forget(id);
               return;
            }
            send_bye(*l);
         }
      });
   }
}

void SipSide::Impl::send_bye(Leg &leg) {
   if (leg.from_office) end_phone_in_office(leg);
   if (leg.dialog) {
      auto bye = sip::build_in_dialog(*leg.dialog, "BYE", sip::InDialogParts{via(), {}, {}, {}, {}});
      if (bye.message) layer->send_request(std::move(*bye.message), leg.peer, [](const sip::ClientReply &) {});
   }
   log(SimLogLevel::info, "sip: " + leg.party + " hangs up");
   forget(leg.id);
}

bool SipSide::Impl::hang_up(std::string_view from) {
   Leg *leg = newest_caller(from);
   if (!leg) return false;
   if (leg->joined_with != 0) {
      if (Leg *phone = find_leg(leg->joined_with)) {
         end_phone_in_office(*phone);
         forget(phone->id);
      }
      forget(leg->id);
      return true;
   }
   if (!leg->dialog) {
      // Still ringing: CANCEL (9.1); the 487 then ends the leg.
      layer->send_request(sip::build_cancel(leg->invite), leg->peer, [](const sip::ClientReply &) {});
      leg->final_status = 487;
      return true;
   }
   send_bye(*leg);
   return true;
}

bool SipSide::Impl::hold(Leg &leg, bool on) {
   if (!leg.dialog || !leg.stream || (leg.state != LegState::talking && leg.state != LegState::held)) return false;
   leg.on_hold = on;
   const std::uint64_t id = leg.id;
   auto reinvite = sip::build_in_dialog(*leg.dialog, "INVITE",
                                        sip::InDialogParts{via(), contact(leg.party), {}, offer_for(leg, on ? media::Direction::sendonly : media::Direction::sendrecv), "application/sdp"});
   if (!reinvite.message) return false;
   leg.reinvite_pending = true;
   layer->send_request(std::move(*reinvite.message), leg.peer,
                       [this, id, on, alive_flag = alive](const sip::ClientReply &reply) {
                          if (!*alive_flag || (reply.response && reply.response->status() < 200)) return;
                          Leg *l = find_leg(id);
                          if (!l || !l->dialog) return;
                          l->reinvite_pending = false;
                          // The office may have held or retrieved again meanwhile: look once more.
                          if (l->from_office) wake();
                          if (!reply.response) return;
                          const int status = reply.response->status();
                          if (status >= 300) return;  // the transaction ACKed it; the call goes on as it was
                          auto cseq = reply.response->cseq();
                          auto ack = sip::build_ack_for_success(*l->dialog, cseq ? cseq->number : l->dialog->local_cseq, sip::InDialogParts{via(), {}, {}, {}, {}});
                          if (ack.message) layer->send_ack(*ack.message, l->peer);
                          apply_sdp(*l, reply.response->body());
                          l->state = on ? LegState::held : LegState::talking;
                       });
   log(SimLogLevel::info, "sip: " + leg.party + (on ? " holds" : " retrieves"));
   return true;
}

}  // namespace portier::pbxsim
