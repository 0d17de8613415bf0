// SPDX-License-Identifier: GPL-3.0-or-later
// One call's state on the service's I/O thread: its SIP side (transaction, dialog, where the
// peer is), its media (negotiated plan, RTP stream, player, what is queued to play) and the
// channel it holds. Plain data; the functions in incoming/outgoing/commands/connect change it.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>

#include "channels.h"
#include "dialog.h"
#include "message.h"
#include "player.h"
#include "rtp_stream.h"
#include "sdp.h"
#include "transport.h"

namespace portier::trunk {

enum class CallRole { incoming, outgoing };

enum class CallState {
   offered,    // incoming: INVITE received, no final response yet
   answering,  // incoming: 200 sent, waiting for the ACK
   early,      // outgoing: INVITE sent, no final response yet
   confirmed,  // the dialog stands
};

struct QueuedPlay {
   std::string media_id;
   bool loop = false;
};

struct Call {
   std::string id;          // the trunk's (incoming) or the engine's (outgoing) name
   CallRole role = CallRole::incoming;
   CallState state = CallState::offered;
   NumberKind number_kind = NumberKind::unknown;
   std::optional<ChannelKind> channel;  // the channel it holds, released once

   // SIP
   std::string sip_call_id;
   std::string server_key;     // incoming: the INVITE's server transaction
   std::string client_key;     // outgoing: the INVITE's client transaction (CANCEL)
   std::optional<sip::Message> invite;  // the INVITE (received or sent)
   std::string local_tag;
   std::optional<sip::Dialog> dialog;
   sip::Source source;         // incoming: where the INVITE came from
   sip::Peer peer;             // where in-dialog requests go
   bool provisional_sent = false;
   bool peer_refer = false;     // Allow lists REFER
   bool peer_replaces = false;  // Supported lists replaces

   // media
   media::LocalMedia local;
   std::optional<media::MediaPlan> plan;
   std::unique_ptr<media::RtpStream> stream;
   std::unique_ptr<media::Player> player;  // destroyed before the stream
   std::string playing;                    // media id playing now
   bool playing_loop = false;
   std::deque<QueuedPlay> queue;           // APPENDed plays waiting for the current one
   bool held = false;
   bool answer_in_ack = false;              // our 200 carried the offer (late offer): the ACK answers

   // outgoing legs
   std::string for_call;    // the waiting call whose early media / ringback this leg drives
   std::int32_t early_media = 0;
   bool progress_sent = false;
   bool early_linked = false;  // for_call hears this leg's early media through the relay
   std::string resume_media;   // on for_call: what played before the early media took over
   bool resume_loop = false;

   // connect
   std::string partner;    // the other call of a relay or REFER
   std::string relay_key;  // key of the Relay in Core::relays this call is part of, "" for none
   bool referred = false;

   // timers on the host clock (us); -1 when not running
   std::uint32_t session_interval = 0;
   bool we_refresh = false;
   std::int64_t refresh_at_us = -1;
   std::int64_t expire_at_us = -1;
   std::int64_t hangup_at_us = -1;  // the loop number's own BYE
};

}  // namespace portier::trunk
