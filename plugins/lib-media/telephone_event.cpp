// SPDX-License-Identifier: GPL-3.0-or-later
#include "telephone_event.h"

namespace portier::media {

std::optional<TelephoneEvent> parse_telephone_event(std::span<const std::uint8_t> p) {
   if (p.size() < 4) return std::nullopt;
   TelephoneEvent e;
   e.event = p[0];
   e.end = (p[1] & 0x80) != 0;
   e.volume = p[1] & 0x3F;
   e.duration = static_cast<std::uint16_t>((p[2] << 8) | p[3]);
   return e;
}

void write_telephone_event(const TelephoneEvent &e, std::uint8_t *out) {
   out[0] = e.event;
   out[1] = static_cast<std::uint8_t>((e.end ? 0x80 : 0) | (e.volume & 0x3F));
   out[2] = static_cast<std::uint8_t>(e.duration >> 8);
   out[3] = static_cast<std::uint8_t>(e.duration);
}

char dtmf_digit(std::uint8_t event) {
   if (event <= 9) return static_cast<char>('0' + event);
   switch (event) {
   case 10: return '*';
   case 11: return '#';
   case 12: return 'A';
   case 13: return 'B';
   case 14: return 'C';
   case 15: return 'D';
   default: return '\0';
   }
}

std::optional<char> DtmfDetector::feed(std::uint32_t rtp_timestamp, std::span<const std::uint8_t> payload) {
   const auto e = parse_telephone_event(payload);
   if (!e || !e->end) return std::nullopt;
   if (have_last_ && rtp_timestamp == last_timestamp_) return std::nullopt;  // a repeated end
   have_last_ = true;
   last_timestamp_ = rtp_timestamp;
   const char digit = dtmf_digit(e->event);
   if (digit == '\0') return std::nullopt;
   return digit;
}

}  // namespace portier::media
