// SPDX-License-Identifier: GPL-3.0-or-later
#include "rtp_packet.h"

namespace portier::media {

void write_rtp_header(const RtpHeader &h, std::uint8_t *out) {
   out[0] = 0x80;  // version 2, no padding, no extension, no CSRC
   out[1] = static_cast<std::uint8_t>((h.marker ? 0x80 : 0) | (h.payload_type & 0x7F));
   out[2] = static_cast<std::uint8_t>(h.sequence >> 8);
   out[3] = static_cast<std::uint8_t>(h.sequence);
   for (int i = 0; i < 4; ++i) {
      out[4 + i] = static_cast<std::uint8_t>(h.timestamp >> (24 - 8 * i));
      out[8 + i] = static_cast<std::uint8_t>(h.ssrc >> (24 - 8 * i));
   }
}

std::optional<RtpView> parse_rtp(std::span<const std::uint8_t> p) {
   if (p.size() < kRtpHeaderBytes || (p[0] >> 6) != 2) return std::nullopt;
   const auto be32 = [&](std::size_t i) {
      return (std::uint32_t{p[i]} << 24) | (std::uint32_t{p[i + 1]} << 16) | (std::uint32_t{p[i + 2]} << 8) | p[i + 3];
   };
   RtpView v;
   v.header.marker = (p[1] & 0x80) != 0;
   v.header.payload_type = p[1] & 0x7F;
   v.header.sequence = static_cast<std::uint16_t>((p[2] << 8) | p[3]);
   v.header.timestamp = be32(4);
   v.header.ssrc = be32(8);
   std::size_t start = kRtpHeaderBytes + 4u * (p[0] & 0x0F);
   if (start > p.size()) return std::nullopt;
   if (p[0] & 0x10) {  // header extension: 4 bytes, then length in 32-bit words
      if (start + 4 > p.size()) return std::nullopt;
      start += 4 + 4u * ((std::size_t{p[start + 2]} << 8) | p[start + 3]);
      if (start > p.size()) return std::nullopt;
   }
   std::size_t end = p.size();
   if (p[0] & 0x20) {  // padding: the last byte counts the pad bytes, itself included
      const std::size_t pad = p.back();
      if (pad == 0 || pad > end - start) return std::nullopt;
      end -= pad;
   }
   v.payload = p.subspan(start, end - start);
   return v;
}

}  // namespace portier::media
