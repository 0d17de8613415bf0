// SPDX-License-Identifier: GPL-3.0-or-later
// Office phones calling a CPS number: the office holds the number as an outside party waiting
// for the trunk (connection `initiated`); the SIP side sends the INVITE to the trunk's contact
// with the phone as caller, and carries what happens both ways:
//   trunk -> office: 180/183 rings (Delivered), 200 answers (Established), a failure or no
//   answer at all fails the call with a cause, BYE clears it;
//   office -> trunk: hang-up is CANCEL before the answer and BYE after, hold and retrieve are
//   re-INVITEs with sendonly and sendrecv.
// Without a registered trunk the call fails at once, as on a PBX whose trunk is down.
#include "sip/sip_side_impl.h"

#include "message_build.h"
#include "sip/number_forms.h"

namespace portier::pbxsim {
namespace {

// A CANCEL the trunk never answers with 487 must not keep the leg forever (RFC 3261 9.1: the
// INVITE transaction counts as cancelled after 64*T1).
constexpr std::chrono::milliseconds kCancelWait{32000};

// The office's cause for a final response, or for none at all (status 0).
EventCause cause_of(int status) {
   switch (status) {
   case 0: return EventCause::network_not_obtainable;
   case 486:
   case 600:
   case 603: return EventCause::busy;
   case 408:
   case 480:
   case 487: return EventCause::call_not_answered;
   case 503: return EventCause::network_congestion;
   default: break;
   }
   return status >= 500 && status < 600 ? EventCause::network_not_obtainable : EventCause::dest_not_obtainable;
}

}  // namespace

void SipSide::Impl::follow_office_calls() {
   for (auto &[id, leg] : legs)
      if (leg->from_office) follow_office_leg(*leg);
   // New calls: an outside CPS party still `initiated`, not the one who called.
   for (const std::string &id : office.call_ids()) {
      auto call = office.snapshot_call(id);
      if (!call.ok()) continue;
      const auto &parties = call.value.parties;
      for (std::size_t i = 1; i < parties.size(); ++i) {
         const PartySnapshot &party = parties[i];
         if (!party.outside || party.state != ConnectionState::initiated || !cps.contains(party.party)) continue;
         bool placed = false;
         for (const auto &[leg_id, leg] : legs)
            placed = placed || (leg->from_office && leg->office_serial == party.serial);
         if (!placed) place_office_call(call.value, party);
      }
   }
}

void SipSide::Impl::place_office_call(const CallSnapshot &call, const PartySnapshot &cps_party) {
   const PartySnapshot &caller = call.parties.front();
   auto binding = registrar.binding(now_ms());
   if (!binding) {
      log(SimLogLevel::info, "sip: " + caller.party + " calls " + cps_party.party + ", but the trunk " +
                                 options.trunk.register_id + " is not registered: the call fails");
      (void)office.external_fail(cps_party.party, call.call_id, EventCause::network_not_obtainable);
      return;
   }
   auto leg = std::make_unique<Leg>();
   leg->caller = true;
   leg->from_office = true;
   leg->party = caller.party;
   leg->number = cps_party.party;
   leg->office_call = call.call_id;
   leg->office_caller = cps_party.party;
   leg->office_serial = cps_party.serial;
   const std::string from = caller.outside ? normalise_number(caller.party)
                                           : to_trunk_number(caller.party, options.office_prefix);
   auto name = display_names.find(caller.party);
   const std::string display = name == display_names.end() ? std::string() : name->second;
   if (std::string error = invite_trunk(std::move(leg), *binding, from, display); !error.empty()) {
      log(SimLogLevel::warning, "sip: the call of " + caller.party + " to " + cps_party.party + " fails: " + error);
      (void)office.external_fail(cps_party.party, call.call_id, EventCause::network_congestion);
      return;
   }
   log(SimLogLevel::info, "sip: office phone " + caller.party + " (" + from + ") calls " + cps_party.party +
                              " over the trunk");
}

void SipSide::Impl::follow_office_leg(Leg &leg) {
   if (leg.state == LegState::ended || leg.office_call.empty()) return;
   const PartySnapshot *far = nullptr;
   bool held = false, talking = false;
   auto call = office.snapshot_call(leg.office_call);
   if (call.ok()) {
      leg.office_call = call.value.call_id;  // a transfer moves it to another call id
      for (const PartySnapshot &p : call.value.parties) {
         if (p.party == leg.office_caller && p.serial == leg.office_serial)
            far = &p;
         else if (p.state == ConnectionState::held)
            held = true;
         else if (p.state == ConnectionState::connected)
            talking = true;
      }
   }
   if (!far) {
      // The office side hung up (or the call was taken apart): nothing to tell the office.
      leg.office_call.clear();
      if (leg.dialog) {
         send_bye(leg);
      } else {
         cancel_invite(leg);
      }
      return;
   }
   if (!leg.dialog || leg.reinvite_pending || (leg.state != LegState::talking && leg.state != LegState::held)) return;
   // Held while nobody else in the call talks: sendonly; back to sendrecv on retrieve.
   const bool hold_now = held && !talking;
   if (hold_now != leg.on_hold) hold(leg, hold_now);
}

void SipSide::Impl::cancel_invite(Leg &leg) {
   if (leg.final_status != 0) return;  // cancelled already, or answered finally
   log(SimLogLevel::info, "sip: " + leg.party + " hangs up before " + leg.number + " answers; CANCEL");
   // Not before a provisional response: the CANCEL could overtake the INVITE (RFC 3261 9.1).
   if (leg.provisional) {
      layer->send_request(sip::build_cancel(leg.invite), leg.peer, [](const sip::ClientReply &) {});
   } else {
      leg.cancel_pending = true;
   }
   leg.final_status = 487;
   const std::uint64_t id = leg.id;
   leg.give_up_timer = std::make_unique<boost::asio::steady_timer>(io, kCancelWait);
   leg.give_up_timer->async_wait([this, id, alive_flag = alive](const boost::system::error_code &ec) {
      if (ec || !*alive_flag) return;
      if (Leg *l = find_leg(id); l && !l->dialog && l->state != LegState::ended) forget(id);
   });
}

void SipSide::Impl::office_alerting(Leg &leg) {
   if (leg.office_call.empty()) return;
   (void)office.external_alerting(leg.office_caller, leg.office_call);
}

bool SipSide::Impl::office_answered(Leg &leg) {
   if (leg.office_call.empty()) return false;
   if (!office.external_answer(leg.office_caller, leg.office_call).ok()) return false;
   log(SimLogLevel::info, "sip: " + leg.number + " answers the call of office phone " + leg.party);
   return true;
}

void SipSide::Impl::office_failed(Leg &leg, int status) {
   if (leg.office_call.empty()) return;  // the office side left first (CANCEL, 487)
   (void)office.external_fail(leg.office_caller, leg.office_call, cause_of(status));
   leg.office_call.clear();
}

}  // namespace portier::pbxsim
