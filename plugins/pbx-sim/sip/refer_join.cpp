// SPDX-License-Identifier: GPL-3.0-or-later
// REFER with Replaces on a caller's dialog (RFC 3515, RFC 3891): the provider service hands the
// caller over to the phone of its second leg. Both are the simulator's own agents, so the PBX
// joins them inside itself, reports success with a NOTIFY (sipfrag 200) and ends both trunk
// legs with BYE; the media leaves the provider service.
#include "sip/sip_side_impl.h"

#include <cctype>

#include "message_build.h"

namespace portier::pbxsim {
namespace {

constexpr std::size_t kMaxReferTo = 2048;

std::string url_decode(std::string_view text) {
   std::string out;
   for (std::size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '%' && i + 2 < text.size() && std::isxdigit(static_cast<unsigned char>(text[i + 1])) &&
          std::isxdigit(static_cast<unsigned char>(text[i + 2]))) {
         out += static_cast<char>(std::stoi(std::string(text.substr(i + 1, 2)), nullptr, 16));
         i += 2;
      } else {
         out += text[i];
      }
   }
   return out;
}

// The Call-ID named by Replaces= inside a Refer-To value, or "".
std::string replaced_call_id(std::string_view refer_to) {
   if (refer_to.size() > kMaxReferTo) return {};
   auto at = refer_to.find("Replaces=");
   if (at == std::string_view::npos) return {};
   std::string_view value = refer_to.substr(at + 9);
   value = value.substr(0, value.find_first_of("&>"));
   std::string decoded = url_decode(value);
   return decoded.substr(0, decoded.find(';'));
}

}  // namespace

void SipSide::Impl::on_refer(Leg &leg, const std::string &key, const sip::Message &request) {
   const std::string refer_to = request.header("Refer-To").value_or(request.header("r").value_or(""));
   const std::string call_id = replaced_call_id(refer_to);
   Leg *phone = nullptr;
   for (auto &[id, other] : legs)
      if (!other->caller && other->dialog && other->dialog->id.call_id == call_id && other->state == LegState::talking)
         phone = other.get();
   if (!leg.caller || call_id.empty() || !phone) {
      layer->respond(key, sip::build_response(request, 403, {}, call_id.empty() ? "Only REFER with Replaces" : "No Such Leg"));
      return;
   }
   layer->respond(key, ok_with_contact(request, 202, {}, leg.party));

   auto notify = sip::build_in_dialog(*leg.dialog, "NOTIFY",
                                      sip::InDialogParts{via(), contact(leg.party),
                                                         {{"Event", "refer"}, {"Subscription-State", "terminated;reason=noresource"}},
                                                         "SIP/2.0 200 OK\r\n", "message/sipfrag;version=2.0"});
   if (notify.message) layer->send_request(std::move(*notify.message), leg.peer, [](const sip::ClientReply &) {});
   for (Leg *trunk_leg : {&leg, phone}) {
      auto bye = sip::build_in_dialog(*trunk_leg->dialog, "BYE", sip::InDialogParts{via(), {}, {}, {}, {}});
      if (bye.message) layer->send_request(std::move(*bye.message), trunk_leg->peer, [](const sip::ClientReply &) {});
      trunk_leg->dialog.reset();
      trunk_leg->state = LegState::joined;
      // Inside the simulator the two talk without RTP: their trunk media ends here.
      stop_media(*trunk_leg);
   }
   leg.joined_with = phone->id;
   phone->joined_with = leg.id;
   log(SimLogLevel::info, "sip: " + leg.party + " is joined with " + phone->party + " (REFER/Replaces); both trunk legs end");
}

}  // namespace portier::pbxsim
