// SPDX-License-Identifier: GPL-3.0-or-later
// RTP fixed header (RFC 3550 section 5.1): writing the 12 bytes we send and a bounded view of a
// received packet (CSRCs, header extension and padding accounted for; anything that does not
// add up is rejected).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

namespace portier::media {

inline constexpr std::size_t kRtpHeaderBytes = 12;

struct RtpHeader {
   std::uint8_t payload_type = 0;
   bool marker = false;
   std::uint16_t sequence = 0;
   std::uint32_t timestamp = 0;
   std::uint32_t ssrc = 0;
};

struct RtpView {
   RtpHeader header;
   std::span<const std::uint8_t> payload;
};

void write_rtp_header(const RtpHeader &h, std::uint8_t *out);  // exactly kRtpHeaderBytes
std::optional<RtpView> parse_rtp(std::span<const std::uint8_t> packet);

}  // namespace portier::media
