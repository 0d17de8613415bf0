// SPDX-License-Identifier: GPL-3.0-or-later
#include "relay.h"

#include <array>

#include "g711.h"

namespace portier::media {

Relay::Relay(RtpStream &a, RtpStream &b) : a_(a), b_(b) {
   a_.on_media([this](const RtpView &in) { forward(in, a_, b_, a_to_b_); });
   b_.on_media([this](const RtpView &in) { forward(in, b_, a_, b_to_a_); });
}

Relay::~Relay() {
   a_.on_media(nullptr);
   b_.on_media(nullptr);
}

void Relay::forward(const RtpView &in, RtpStream &from, RtpStream &to, Direction &dir) {
   const StreamConfig &src = from.config();
   const StreamConfig &dst = to.config();
   std::uint8_t pt;
   std::array<std::uint8_t, 1500> converted;  // filled only when converting
   std::span<const std::uint8_t> payload = in.payload;
   if (src.dtmf_payload_type && in.header.payload_type == *src.dtmf_payload_type) {
      if (!dst.dtmf_payload_type) return;  // the other leg did not agree to telephone-events
      pt = *dst.dtmf_payload_type;
   } else if (in.header.payload_type == src.payload_type) {
      pt = dst.payload_type;
      if (src.codec != dst.codec && payload.size() <= converted.size()) {
         for (std::size_t i = 0; i < payload.size(); ++i)
            converted[i] = src.codec == Codec::pcma ? linear_to_ulaw(alaw_to_linear(payload[i]))
                                                    : linear_to_alaw(ulaw_to_linear(payload[i]));
         payload = std::span<const std::uint8_t>(converted.data(), payload.size());
      }
   } else {
      return;  // comfort noise or anything not negotiated
   }
   bool marker = in.header.marker;
   if (!dir.started || dir.source_ssrc != in.header.ssrc) {
      // A new source: continue our own timeline one frame on, and mark the new talk spurt.
      dir.started = true;
      dir.source_ssrc = in.header.ssrc;
      dir.offset = to.timestamp() + static_cast<std::uint32_t>(kFrameSamples) - in.header.timestamp;
      marker = true;
   }
   to.send_at(payload, pt, marker, in.header.timestamp + dir.offset);
   ++forwarded_;
}

}  // namespace portier::media
