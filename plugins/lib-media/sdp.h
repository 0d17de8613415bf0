// SPDX-License-Identifier: GPL-3.0-or-later
// SDP offer/answer (RFC 3264, RFC 4566) for one audio stream: PCMA or PCMU at 20 ms, plus
// telephone-event (RFC 4733). Own bounded parser: at most kMaxSdpBytes, kMaxSdpLines lines,
// kMaxMediaLines m= lines, kMaxFormats formats per m= line. Errors say what and on which line.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <portier/result.hpp>

#include "clip.h"

namespace portier::media {

inline constexpr std::size_t kMaxSdpBytes = 16 * 1024;
inline constexpr std::size_t kMaxSdpLines = 256;
inline constexpr std::size_t kMaxMediaLines = 8;
inline constexpr std::size_t kMaxFormats = 32;
inline constexpr std::int32_t kNotAcceptableHere = 488;  // Error::detail when no codec matches

enum class Direction : std::uint8_t { sendrecv, sendonly, recvonly, inactive };
std::string_view direction_name(Direction d);

struct RtpMap {
   int payload_type = -1;
   std::string encoding;  // as written ("PCMA", "telephone-event")
   int clock_rate = 0;
};

struct SdpMedia {
   std::string media;            // "audio", "video", ...
   std::uint16_t port = 0;       // 0: the stream is declined or disabled
   std::string proto;            // "RTP/AVP"
   std::vector<std::string> formats;  // in the offer's order
   std::vector<RtpMap> rtpmaps;
   std::string address;          // from the media c= line, else the session's; "" if none
   Direction direction = Direction::sendrecv;
   int ptime = 0;                // 0 when not given
};

struct SessionDescription {
   std::string origin_address;
   std::string address;  // session-level c=
   std::vector<SdpMedia> media;
};

Result<SessionDescription> parse_sdp(std::string_view text);

// What negotiation settled for the audio stream.
struct MediaPlan {
   std::size_t media_index = 0;     // which m= line of the offer carries our audio
   Codec codec = Codec::pcma;
   int payload_type = 8;            // as offered (static 0/8, or a dynamic number)
   std::optional<int> dtmf_payload_type;  // telephone-event, the offer's number kept
   std::string remote_address;      // where to send RTP (until symmetric RTP learns better)
   std::uint16_t remote_port = 0;
   Direction remote_direction = Direction::sendrecv;
   bool held = false;               // sendonly/inactive offered, or c=0.0.0.0 (RFC 2543 hold)
   Direction answer_direction = Direction::sendrecv;
};

// Picks the first of PCMA/PCMU in the offer's order from the first usable audio m= line.
// No usable audio or no common codec: an error with detail kNotAcceptableHere (send 488).
Result<MediaPlan> negotiate(const SessionDescription &offer);

struct LocalMedia {
   std::string address;            // our IPv4 address for c= and o=
   std::uint16_t port = 0;         // our RTP port
   std::uint64_t session_id = 1;   // o= session id; keep per dialog
   std::uint64_t version = 1;      // o= version; raise on every new offer or answer
   int dtmf_payload_type = 101;    // used in our own offers
};

// The answer to `offer` as settled by `plan`: the same m= lines, the declined ones with port 0.
std::string build_answer(const SessionDescription &offer, const MediaPlan &plan, const LocalMedia &local);

// Our offer for an outgoing leg: PCMA, PCMU and telephone-event, 20 ms, in `direction`
// (sendonly to hold the far end).
std::string build_offer(const LocalMedia &local, Direction direction = Direction::sendrecv);

}  // namespace portier::media
