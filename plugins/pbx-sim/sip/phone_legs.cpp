// SPDX-License-Identifier: GPL-3.0-or-later
// Simulated phones: an INVITE from the trunk (a second leg, with X-Siemens-CDR) to an office
// number becomes an incoming call in the office model. The office decides what happens: it
// rings (180), is busy or in do-not-disturb (486), out of service (480), is forwarded (the call
// follows it), answered by the phone's rule or through CSTA (200), or hung up (BYE).
#include "sip/sip_side_impl.h"

#include "message_build.h"
#include "sip/number_forms.h"
#include "sip/sip_uri.h"

namespace portier::pbxsim {

void SipSide::Impl::on_invite(const std::string &key, const sip::Message &request, const sip::Source &source) {
   std::string called = uri_user(request.request_uri());
   if (called.empty()) called = uri_user(request.to_uri());
   const std::string extension = to_office_number(extensions, called, options.office_prefix);
   if (extension.empty()) {
      layer->respond(key, sip::build_response(request, 404, sip::new_tag()));
      return;
   }
   auto leg = std::make_unique<Leg>();
   leg->id = next_leg++;
   leg->party = extension;
   leg->number = called;
   leg->invite = request.clone();
   leg->invite_key = key;
   leg->local_tag = sip::new_tag();
   leg->peer = source.peer;
   leg->source = source;
   if (auto target = request.contact_uri())
      if (auto peer = uri_peer(*target)) leg->peer = *peer;
   if (auto error = lease_port(*leg)) {
      layer->respond(key, sip::build_response(request, 503, leg->local_tag));
      log(SimLogLevel::warning, "sip: no RTP port for a call to " + extension + ": " + *error);
      return;
   }
   // The offer is checked before the phone rings: nothing common is 488 at once.
   if (!request.body().empty() && !apply_sdp(*leg, request.body())) {
      layer->respond(key, sip::build_response(request, 488, leg->local_tag));
      return;
   }
   // The office knows outside parties by number; an unknown caller comes in as the trunk.
   std::string caller = normalise_number(uri_user(request.from_uri()));
   auto call = office.incoming_call(caller, extension);
   if (!call.ok() && call.error->value == ErrorValue::invalid_device_id && !cps.ranges().empty()) {
      caller = cps.ranges().front().first;
      call = office.incoming_call(caller, extension);
   }
   if (!call.ok()) {
      log(SimLogLevel::warning, "sip: the office refused a call from " + caller + " to " + extension + ": " +
                                    std::string(to_string(call.error->value)));
      layer->respond(key, sip::build_response(request, 480, leg->local_tag));
      return;
   }
   leg->office_call = call.value.call_id;
   leg->office_caller = caller;
   leg->dialog = sip::dialog_as_uas(request, leg->local_tag);
   const std::string cdr = request.header("X-Siemens-CDR").value_or("none");
   log(SimLogLevel::info, "sip: the trunk calls " + extension + " for " + caller + " (X-Siemens-CDR " + cdr + ")");
   Leg &placed = *leg;
   legs.emplace(placed.id, std::move(leg));
   follow_phone(placed);
}

std::optional<std::pair<std::string, ConnectionState>> SipSide::Impl::where_is(const std::string &call_id) const {
   for (const std::string &number : extensions) {
      auto snapshot = office.snapshot_device(number);
      if (!snapshot.ok()) continue;
      for (const SnapshotCall &c : snapshot.value.calls)
         if (c.call_id == call_id) return std::make_pair(number, c.state);
   }
   return std::nullopt;
}

void SipSide::Impl::follow_phone(Leg &leg) {
   if (leg.state == LegState::ended || leg.state == LegState::joined) {
      // A joined phone talks until the office call ends.
      if (leg.state == LegState::joined && !where_is(leg.office_call)) {
         if (Leg *caller = find_leg(leg.joined_with)) forget(caller->id);
         forget(leg.id);
      }
      return;
   }
   auto at = where_is(leg.office_call);
   if (!at) {
      if (!leg.invite_key.empty()) {
         // Never answered: busy and DND are told apart from other failures by the device.
         auto snapshot = office.snapshot_device(leg.party);
         int status = 480;
         if (snapshot.ok() && snapshot.value.state != DeviceState::out_of_service) status = 486;
         refuse_phone(leg, status);
      } else {
         send_bye(leg);
      }
      return;
   }
   if (at->first != leg.party) {
      log(SimLogLevel::info, "sip: the call to " + leg.party + " follows a diversion to " + at->first);
      leg.party = at->first;
   }
   switch (at->second) {
   case ConnectionState::alerting:
      if (leg.state == LegState::calling) {
         leg.state = LegState::ringing;
         sip::Message ringing = ok_with_contact(leg.invite, 180, leg.local_tag, leg.party);
         layer->respond(leg.invite_key, std::move(ringing));
      }
      break;
   case ConnectionState::connected:
   case ConnectionState::held:
      if (!leg.invite_key.empty()) answer_phone(leg);
      break;
   default:
      break;
   }
}

void SipSide::Impl::answer_phone(Leg &leg) {
   sip::Message ok = ok_with_contact(leg.invite, 200, leg.local_tag, leg.party);
   const std::string offer = leg.invite.body();
   if (!offer.empty()) {
      auto parsed = media::parse_sdp(offer);
      if (parsed && leg.stream)
         if (auto plan = media::negotiate(parsed.value()))
            ok.set_body(media::build_answer(parsed.value(), plan.value(),
                                            media::LocalMedia{"127.0.0.1", leg.stream->local_port(), leg.sdp_session, leg.sdp_version}),
                        "application/sdp");
   } else {
      ok.set_body(offer_for(leg, media::Direction::sendrecv), "application/sdp");  // the ACK brings the answer
   }
   if (auto se = leg.invite.header("Session-Expires")) ok.add_header("Session-Expires", se->substr(0, se->find(';')) + ";refresher=uac");
   resender->start(ok, leg.source, [] {});
   layer->respond(leg.invite_key, std::move(ok));
   leg.invite_key.clear();
   leg.final_status = 200;
   leg.state = LegState::talking;
   log(SimLogLevel::info, "sip: " + leg.party + " answers");
   play_tone(leg);
}

void SipSide::Impl::refuse_phone(Leg &leg, int status) {
   layer->respond(leg.invite_key, sip::build_response(leg.invite, status, leg.local_tag));
   leg.invite_key.clear();
   leg.final_status = status;
   log(SimLogLevel::info, "sip: the call to " + leg.party + " is refused with " + std::to_string(status));
   forget(leg.id);
}

void SipSide::Impl::end_phone_in_office(Leg &leg) {
   if (leg.office_call.empty()) return;
   // The outside party leaves; the office clears the phone's side and tells its monitors.
   (void)office.external_clear(leg.office_caller, leg.office_call);
   leg.office_call.clear();
}

}  // namespace portier::pbxsim
