// SPDX-License-Identifier: GPL-3.0-or-later
// RFC 4733 telephone-events: the 4-byte payload, and the rule that turns a stream of event
// packets into one digit per key press. A sender repeats each packet, and sends the end packet
// three times; all carry the event's RTP timestamp, which is what tells presses apart.
#pragma once

#include <cstdint>
#include <optional>
#include <span>

namespace portier::media {

struct TelephoneEvent {
   std::uint8_t event = 0;  // 0-9, 10 '*', 11 '#', 12-15 A-D, 16 flash
   bool end = false;
   std::uint8_t volume = 0;
   std::uint16_t duration = 0;  // in timestamp units
};

std::optional<TelephoneEvent> parse_telephone_event(std::span<const std::uint8_t> payload);
void write_telephone_event(const TelephoneEvent &e, std::uint8_t *out);  // 4 bytes
// '0'..'9', '*', '#', 'A'..'D', or '\0' for events that are not DTMF keys.
char dtmf_digit(std::uint8_t event);

// Reports a digit once, on the first end packet of an event; repeats of it are ignored.
class DtmfDetector {
public:
   // The digit to report for this packet, if any.
   std::optional<char> feed(std::uint32_t rtp_timestamp, std::span<const std::uint8_t> payload);

private:
   bool have_last_ = false;
   std::uint32_t last_timestamp_ = 0;  // of the last event already reported
};

}  // namespace portier::media
