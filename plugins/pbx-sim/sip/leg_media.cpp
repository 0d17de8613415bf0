// SPDX-License-Identifier: GPL-3.0-or-later
// A leg's media: its RTP port pair, our offer or answer, the stream and the tone it plays.
#include "sip/sip_side_impl.h"

namespace portier::pbxsim {

std::optional<std::string> SipSide::Impl::lease_port(Leg &leg) {
   if (leg.lease.valid() || leg.stream) return std::nullopt;
   auto lease = rtp->allocate();
   if (!lease) return lease.message();
   leg.lease = std::move(lease).value();
   leg.sdp_session = rng();
   return std::nullopt;
}

std::string SipSide::Impl::offer_for(Leg &leg, media::Direction direction) {
   const std::uint16_t port = leg.stream ? leg.stream->local_port() : leg.lease.rtp_port();
   return media::build_offer(media::LocalMedia{"127.0.0.1", port, leg.sdp_session, leg.sdp_version++}, direction);
}

std::optional<media::MediaPlan> SipSide::Impl::apply_sdp(Leg &leg, const std::string &sdp) {
   auto parsed = media::parse_sdp(sdp);
   if (!parsed) return std::nullopt;
   auto plan = media::negotiate(parsed.value());
   if (!plan) return std::nullopt;
   auto config = media::stream_config(plan.value());
   if (!config) return std::nullopt;
   // Our own hold (sendonly) stays ours whatever the far end answered.
   if (leg.on_hold && config->direction == media::Direction::sendrecv) config->direction = media::Direction::sendonly;
   if (leg.stream) {
      leg.stream->update(*config);
   } else {
      if (!leg.lease.valid()) return std::nullopt;
      leg.stream = std::make_unique<media::RtpStream>(std::move(leg.lease), *config, static_cast<std::uint32_t>(rng()));
      leg.stream->start();
   }
   return plan.value();
}

void SipSide::Impl::play_tone(Leg &leg) {
   if (!leg.stream) return;
   if (!leg.player) leg.player = std::make_unique<media::Player>(scheduler, *leg.stream);
   leg.player->play({media::PlayItem{tone, true}});
}

void SipSide::Impl::stop_media(Leg &leg) {
   leg.player.reset();
   leg.stream.reset();
   leg.lease = media::PortLease();
}

}  // namespace portier::pbxsim
