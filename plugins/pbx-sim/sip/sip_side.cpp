// SPDX-License-Identifier: GPL-3.0-or-later
// The SIP side's wiring: transport and transactions, requests outside and inside dialogs, the
// registrar, and the wake on office changes that carries the office's decisions into SIP.
#include "sip/sip_side_impl.h"

#include "message_build.h"
#include "sip/tone.h"

namespace portier::pbxsim {


std::string_view to_string(LegState state) {
   switch (state) {
   case LegState::calling: return "calling";
   case LegState::ringing: return "ringing";
   case LegState::talking: return "talking";
   case LegState::held: return "held";
   case LegState::joined: return "joined";
   case LegState::ended: return "ended";
   }
   return "?";
}

SipSide::Impl::Impl(boost::asio::io_context &io_context, Office &office_model, const OfficeSpec &spec,
                    const SipOptions &sip_options, const CpsNumbers &cps_numbers, SimLog log_sink)
    : io(io_context),
      office(office_model),
      options(sip_options),
      cps(cps_numbers),
      log(std::move(log_sink)),
      registrar(sip_options.trunk, sip_options.min_expires_s),
      scheduler(io_context),
      tone(std::make_shared<const media::Clip>(make_tone())),
      wake_posted(false) {
   for (const ExtensionSpec &e : spec.extensions) {
      extensions.push_back(e.number);
      display_names.emplace(e.number, e.display_name);
   }
}

SipSide::Impl::~Impl() {
   *alive = false;
   office.on_change(nullptr);
   office.route_over_trunk(nullptr);
   legs.clear();
   resender.reset();
   layer.reset();
   if (transport) transport->close();
}

std::uint64_t SipSide::Impl::now_ms() const {
   return static_cast<std::uint64_t>(
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count());
}

std::optional<std::string> SipSide::Impl::open() {
   if (std::string error = open_transport(); !error.empty()) return error;
   layer = std::make_unique<sip::TransactionLayer>(io, *transport);
   resender = std::make_unique<sip::AnswerRetransmission>(io, *transport, layer->timers());
   layer->on_request([this](const std::string &key, const sip::Message &request, const sip::Source &source) {
      on_request(key, request, source);
   });
   layer->on_ack([this](const sip::Message &ack, const sip::Source &) { resender->acknowledge(ack); });
   layer->on_cancel([this](const std::string &key, const sip::Message &) {
      for (auto &[id, leg] : legs)
         if (!leg->caller && leg->invite_key == key) {
            leg->invite_key.clear();
            leg->final_status = 487;
            end_phone_in_office(*leg);
            log(SimLogLevel::info, "sip: the trunk cancelled its call to " + leg->party);
            forget(id);
            return;
         }
   });
   layer->on_stray_response([this](const sip::Message &response, const sip::Source &) {
      // A 2xx resent after its transaction ended: ACK it again (13.2.2.4).
      if (response.status() < 200 || response.status() >= 300) return;
      for (auto &[id, leg] : legs)
         if (leg->caller && leg->dialog && leg->dialog->id.call_id == response.call_id()) {
            auto cseq = response.cseq();
            if (!cseq || cseq->method != "INVITE") return;
            auto ack = sip::build_ack_for_success(*leg->dialog, cseq->number, sip::InDialogParts{via(), {}, {}, {}, {}});
            if (ack.message) layer->send_ack(*ack.message, leg->peer);
            return;
         }
   });

   if (options.rtp_count < 2) return "rtp.count must be at least 2";
   if (options.rtp_start != 0) {
      auto range = media::PortRange::reserve(io, "127.0.0.1", options.rtp_start, options.rtp_count);
      if (!range) return "RTP range " + std::to_string(options.rtp_start) + "+" + std::to_string(options.rtp_count) + ": " + range.message();
      rtp.emplace(std::move(range).value());
   } else {
      // A free range: a few random even starts in the dynamic ports, bounded.
      std::uniform_int_distribution<int> pick(20000, 60000 - static_cast<int>(options.rtp_count));
      for (int attempt = 0; attempt < 32 && !rtp; ++attempt) {
         auto start = static_cast<std::uint16_t>(pick(rng) & ~1);
         auto range = media::PortRange::reserve(io, "127.0.0.1", start, options.rtp_count);
         if (range) rtp.emplace(std::move(range).value());
      }
      if (!rtp) return "no free RTP range of " + std::to_string(options.rtp_count) + " ports found";
   }
   office.on_change([this] { wake(); });
   // The office treats CPS numbers as outside parties reached over the trunk.
   office.route_over_trunk([this](std::string_view number) { return cps.contains(number); });
   return std::nullopt;
}

std::uint16_t SipSide::Impl::local_port() const {
   return transport ? transport->local_port(sip::TransportKind::udp) : 0;
}

// UDP and TCP share one port. For port 0 the system picks UDP's, and TCP may find it taken:
// then another round, bounded.
std::string SipSide::Impl::open_transport() {
   std::string error;
   for (int attempt = 0; attempt < 16; ++attempt) {
      std::uint16_t port = options.port;
      if (port == 0) {
         sip::TransportSettings probe_settings;
         probe_settings.address = "127.0.0.1";
         sip::Transport probe(io, probe_settings);
         if (error = probe.open(); !error.empty()) return error;
         port = probe.local_port(sip::TransportKind::udp);
         probe.close();
      }
      sip::TransportSettings settings;
      settings.address = "127.0.0.1";
      settings.udp_port = port;
      settings.tcp = true;
      settings.tcp_port = port;
      transport = std::make_unique<sip::Transport>(io, settings);
      error = transport->open();
      if (error.empty()) return {};
      transport.reset();
      if (options.port != 0) return error;
   }
   return error;
}

// The office changed (a command, a timer of its clock, the demo or script): one follow of the
// phone legs after the change is done, however many changes came at once.
void SipSide::Impl::wake() {
   if (wake_posted) return;
   wake_posted = true;
   boost::asio::post(io, [this, alive_flag = alive] {
      if (!*alive_flag) return;
      wake_posted = false;
      follow_phones();
   });
}

void SipSide::Impl::follow_phones() {
   std::vector<std::uint64_t> ids;
   for (auto &[id, leg] : legs) ids.push_back(id);
   for (std::uint64_t id : ids)
      if (Leg *leg = find_leg(id); leg && !leg->caller) follow_phone(*leg);
   follow_office_calls();
}

Leg *SipSide::Impl::find_leg(std::uint64_t id) {
   auto found = legs.find(id);
   return found == legs.end() ? nullptr : found->second.get();
}

Leg *SipSide::Impl::find_dialog(const sip::Message &request) {
   const sip::DialogId id = sip::dialog_id_of_request(request);
   for (auto &[leg_id, leg] : legs)
      if (leg->dialog && leg->dialog->id == id) return leg.get();
   return nullptr;
}

Leg *SipSide::Impl::newest_caller(std::string_view from) {
   for (auto it = legs.rbegin(); it != legs.rend(); ++it)
      if (it->second->caller && !it->second->from_office && it->second->party == from &&
          it->second->state != LegState::ended)
         return it->second.get();
   return nullptr;
}

void SipSide::Impl::forget(std::uint64_t id) {
   // Not inside a handler of the leg's own timers: post the erase.
   boost::asio::post(io, [this, id, alive_flag = alive] {
      if (*alive_flag) legs.erase(id);
   });
   if (Leg *leg = find_leg(id)) {
      if (leg->state != LegState::ended) {
         history.push_back(info_of(*leg));
         history.back().state = "ended";
         if (history.size() > 64) history.pop_front();
      }
      leg->state = LegState::ended;
      stop_media(*leg);
      if (leg->hold_timer) leg->hold_timer->cancel();
      if (leg->hang_up_timer) leg->hang_up_timer->cancel();
      if (leg->give_up_timer) leg->give_up_timer->cancel();
   }
}

std::string SipSide::Impl::via() {
   return sip::via_value("UDP", "127.0.0.1", local_port(), sip::new_branch());
}

std::string SipSide::Impl::contact(std::string_view user) const {
   return "<sip:" + std::string(user) + "@127.0.0.1:" + std::to_string(local_port()) + ">";
}

sip::Message SipSide::Impl::ok_with_contact(const sip::Message &request, int status, const std::string &tag,
                                            std::string_view user) {
   sip::Message answer = sip::build_response(request, status, tag);
   answer.set_contact(contact(user));
   return answer;
}

void SipSide::Impl::on_request(const std::string &key, const sip::Message &request, const sip::Source &source) {
   const std::string method = request.method();
   log(SimLogLevel::debug, "sip: " + method + " from " + source.peer.address + ":" + std::to_string(source.peer.port));
   if (!request.to_tag().empty()) {
      Leg *leg = find_dialog(request);
      if (!leg) {
         layer->respond(key, sip::build_response(request, 481));
         return;
      }
      on_in_dialog(*leg, key, request, source);
      return;
   }
   if (method == "REGISTER") {
      sip::Message answer = registrar.handle(request, now_ms());
      if (answer.status() == 200 && !request.header_values("Contact").empty())
         log(SimLogLevel::info, "sip: trunk " + options.trunk.register_id + " registered at " +
                                     request.contact_uri().value_or("?"));
      layer->respond(key, std::move(answer));
   } else if (method == "INVITE") {
      on_invite(key, request, source);
   } else if (method == "OPTIONS") {
      sip::Message answer = sip::build_response(request, 200, sip::new_tag());
      answer.add_header("Allow", "INVITE, ACK, CANCEL, BYE, OPTIONS, REGISTER, REFER, NOTIFY, UPDATE");
      layer->respond(key, std::move(answer));
   } else {
      layer->respond(key, sip::build_response(request, method == "BYE" || method == "NOTIFY" ? 481 : 405));
   }
}

void SipSide::Impl::on_in_dialog(Leg &leg, const std::string &key, const sip::Message &request, const sip::Source &source) {
   const std::string method = request.method();
   if (!sip::accept_remote_cseq(*leg.dialog, request)) {
      layer->respond(key, sip::build_response(request, 500, {}, "CSeq Out Of Order"));
      return;
   }
   if (method == "BYE") {
      layer->respond(key, sip::build_response(request, 200));
      log(SimLogLevel::info, "sip: the trunk ended the call of " + leg.party);
      if (!leg.caller || leg.from_office) end_phone_in_office(leg);
      forget(leg.id);
   } else if (method == "INVITE" || method == "UPDATE") {
      answer_reinvite(leg, key, request, source);
   } else if (method == "REFER") {
      on_refer(leg, key, request);
   } else if (method == "NOTIFY" || method == "INFO" || method == "OPTIONS") {
      layer->respond(key, sip::build_response(request, 200));
   } else {
      layer->respond(key, sip::build_response(request, 405));
   }
}

void SipSide::Impl::answer_reinvite(Leg &leg, const std::string &key, const sip::Message &request, const sip::Source &source) {
   sip::refresh_target(*leg.dialog, request);
   sip::Message answer = ok_with_contact(request, 200, {}, leg.party);
   const std::string body = request.body();
   if (!body.empty()) {
      auto plan = apply_sdp(leg, body);
      if (!plan) {
         layer->respond(key, sip::build_response(request, 488));
         return;
      }
      auto offer = media::parse_sdp(body);
      ++leg.sdp_version;
      answer.set_body(media::build_answer(offer.value(), *plan,
                                          media::LocalMedia{"127.0.0.1", leg.stream->local_port(), leg.sdp_session, leg.sdp_version}),
                      "application/sdp");
   } else if (request.method() == "INVITE") {
      answer.set_body(offer_for(leg, media::Direction::sendrecv), "application/sdp");
   }
   if (auto se = request.header("Session-Expires")) answer.add_header("Session-Expires", se->substr(0, se->find(';')) + ";refresher=uac");
   if (request.method() == "INVITE") resender->start(answer, source, [] {});
   layer->respond(key, std::move(answer));
}

// The public face.
SipSide::SipSide(boost::asio::io_context &io, Office &office, const OfficeSpec &spec, SipOptions options, SimLog log)
    : options_(std::move(options)) {
   std::string error;
   if (auto numbers = CpsNumbers::read(options_.cps_numbers, error)) cps_ = *numbers;
   impl_ = std::make_unique<Impl>(io, office, spec, options_, cps_, std::move(log));
}

SipSide::~SipSide() = default;

std::optional<std::string> SipSide::open() {
   std::string error;
   if (!CpsNumbers::read(options_.cps_numbers, error)) return error;
   return impl_->open();
}

std::uint16_t SipSide::port() const { return impl_->local_port(); }

std::string SipSide::place_call(const CallRequest &request) { return impl_->place_call(request); }
bool SipSide::hang_up(std::string_view from) { return impl_->hang_up(from); }
bool SipSide::hold(std::string_view from, bool on) {
   Leg *leg = impl_->newest_caller(from);
   return leg && impl_->hold(*leg, on);
}

std::optional<TrunkBinding> SipSide::trunk() const { return impl_->registrar.binding(impl_->now_ms()); }

SipLegInfo SipSide::Impl::info_of(const Leg &leg) const {
   SipLegInfo info{leg.caller, leg.party, leg.number, std::string(to_string(leg.state)), leg.final_status,
                   leg.office_call, 0, 0, leg.from_office};
   if (leg.stream) {
      info.rtp_sent = leg.stream->counters().sent;
      info.rtp_received = leg.stream->counters().received;
   }
   return info;
}

std::vector<SipLegInfo> SipSide::legs() const {
   std::vector<SipLegInfo> out;
   for (const auto &[id, leg] : impl_->legs)
      if (leg->state != LegState::ended) out.push_back(impl_->info_of(*leg));
   return out;
}

std::vector<SipLegInfo> SipSide::finished() const { return {impl_->history.begin(), impl_->history.end()}; }

}  // namespace portier::pbxsim
