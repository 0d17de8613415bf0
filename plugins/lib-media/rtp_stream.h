// SPDX-License-Identifier: GPL-3.0-or-later
// One call leg's RTP: sends on its leased even port with its own SSRC, sequence numbers and
// timestamps; receives on the same socket. Symmetric RTP: once packets arrive, replies go to
// the address they come from. Telephone-events (RFC 4733) become one DTMF callback per key
// press; every received packet is also offered to on_media (the relay uses it).
// Single-threaded: construct, use and destroy on the io_context's thread.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>

#include <boost/asio/ip/udp.hpp>

#include "clip.h"
#include "port_range.h"
#include "rtp_packet.h"
#include "sdp.h"
#include "send_batch.h"

namespace portier::media {

struct StreamConfig {
   Codec codec = Codec::pcma;
   std::uint8_t payload_type = 8;
   std::optional<std::uint8_t> dtmf_payload_type;
   boost::asio::ip::udp::endpoint remote;  // from the SDP; symmetric RTP may replace it
   bool symmetric = true;
   Direction direction = Direction::sendrecv;  // ours: sendonly/sendrecv send, others do not
};

// The StreamConfig that a negotiated plan describes (remote from the plan's address and port).
std::optional<StreamConfig> stream_config(const MediaPlan &plan);

struct StreamCounters {
   std::uint64_t sent = 0;
   std::uint64_t send_errors = 0;
   std::uint64_t received = 0;
   std::uint64_t malformed = 0;
};

class RtpStream {
public:
   RtpStream(PortLease lease, StreamConfig config, std::uint32_t ssrc);
   ~RtpStream();  // stops receiving and gives the ports back to the range
   RtpStream(const RtpStream &) = delete;
   RtpStream &operator=(const RtpStream &) = delete;

   void start();  // begin receiving
   void update(const StreamConfig &config);  // re-INVITE: new codec, address or direction

   std::uint16_t local_port() const;
   const StreamConfig &config() const;
   const boost::asio::ip::udp::endpoint &remote() const;
   StreamCounters counters() const;  // a snapshot; batched packets count once sent
   std::uint32_t ssrc() const;
   std::uint16_t next_sequence() const;
   std::uint32_t timestamp() const;  // of the next packet sent with send()

   // Sends one packet with the next sequence number at the current timestamp. Nothing is sent
   // while the direction is recvonly or inactive, or before a remote address is known.
   void send(std::span<const std::uint8_t> payload, std::uint8_t payload_type, bool marker);
   // Same, at timestamp `ts`, which becomes the current timestamp (used by the relay).
   void send_at(std::span<const std::uint8_t> payload, std::uint8_t payload_type, bool marker, std::uint32_t ts);
   // Same as send(), but the packet joins `batch` and leaves at its next flush(); the counters
   // count it then. The stream may be destroyed before the flush: the packet is then dropped.
   void send(std::span<const std::uint8_t> payload, std::uint8_t payload_type, bool marker, SendBatch &batch);
   void advance(std::uint32_t samples);  // moves the timestamp on by `samples`

   void on_dtmf(std::function<void(char)> callback);
   void on_media(std::function<void(const RtpView &)> callback);

   struct Inner;  // the state; shared with a pending receive so it outlives this object safely

private:
   std::size_t prepare(std::span<const std::uint8_t> payload, std::uint8_t payload_type, bool marker, std::uint32_t ts);

   std::shared_ptr<Inner> inner_;
};

}  // namespace portier::media
