// SPDX-License-Identifier: GPL-3.0-or-later
#include "rtp_stream.h"

#include <array>
#include <atomic>

#include <boost/asio/buffer.hpp>

#include "telephone_event.h"

namespace portier::media {

namespace asio = boost::asio;
using asio::ip::udp;

namespace {
constexpr std::size_t kMaxRtpPacket = 1500;
}

struct RtpStream::Inner {
   PortLease lease;
   StreamConfig config;
   std::uint32_t ssrc = 0;
   std::uint16_t sequence = 0;
   std::uint32_t timestamp = 0;
   std::atomic<bool> closed{false};  // read by a SendBatch's sender thread
   bool receiving = false;
   StreamCounters counters;
   // Packets sent through a SendBatch are counted by whichever thread sends them.
   std::atomic<std::uint64_t> batch_sent{0};
   std::atomic<std::uint64_t> batch_errors{0};
   DtmfDetector dtmf;
   std::function<void(char)> on_dtmf;
   std::function<void(const RtpView &)> on_media;
   udp::endpoint from;
   std::array<std::uint8_t, kMaxRtpPacket> in{};
   std::array<std::uint8_t, kMaxRtpPacket> out{};
};

namespace {

void receive(const std::shared_ptr<RtpStream::Inner> &self);

void handle(const std::shared_ptr<RtpStream::Inner> &s, std::size_t n) {
   const auto view = parse_rtp(std::span<const std::uint8_t>(s->in.data(), n));
   if (!view) {
      ++s->counters.malformed;
      return;
   }
   ++s->counters.received;
   if (s->config.symmetric && s->from != s->config.remote) s->config.remote = s->from;
   if (s->config.dtmf_payload_type && view->header.payload_type == *s->config.dtmf_payload_type) {
      if (const auto digit = s->dtmf.feed(view->header.timestamp, view->payload); digit && s->on_dtmf) s->on_dtmf(*digit);
   }
   if (s->on_media) s->on_media(*view);
}

void receive(const std::shared_ptr<RtpStream::Inner> &self) {
   self->lease.rtp().async_receive_from(asio::buffer(self->in), self->from,
      [self](const boost::system::error_code &ec, std::size_t n) {
         if (self->closed || ec == asio::error::operation_aborted) return;
         // Errors on an unconnected UDP socket are transient (ICMP echoes, a full buffer).
         if (!ec) handle(self, n);
         if (!self->closed) receive(self);
      });
}

}  // namespace

std::optional<StreamConfig> stream_config(const MediaPlan &plan) {
   boost::system::error_code ec;
   const auto addr = asio::ip::make_address(plan.remote_address, ec);
   if (ec) return std::nullopt;
   StreamConfig c;
   c.codec = plan.codec;
   c.payload_type = static_cast<std::uint8_t>(plan.payload_type);
   if (plan.dtmf_payload_type) c.dtmf_payload_type = static_cast<std::uint8_t>(*plan.dtmf_payload_type);
   c.remote = udp::endpoint(addr, plan.remote_port);
   c.direction = plan.answer_direction;
   return c;
}

RtpStream::RtpStream(PortLease lease, StreamConfig config, std::uint32_t ssrc) : inner_(std::make_shared<Inner>()) {
   inner_->lease = std::move(lease);
   inner_->config = std::move(config);
   inner_->ssrc = ssrc;
   // RFC 3550 wants random initial values; derived from the SSRC, which the caller randomises.
   inner_->sequence = static_cast<std::uint16_t>(ssrc * 2654435761u >> 16);
   inner_->timestamp = ssrc * 40503u;
}

RtpStream::~RtpStream() {
   inner_->closed = true;
   inner_->on_dtmf = nullptr;
   inner_->on_media = nullptr;
   inner_->lease = PortLease();  // cancels the pending receive and returns the pair
}

void RtpStream::start() {
   if (inner_->receiving || !inner_->lease.valid()) return;
   inner_->receiving = true;
   receive(inner_);
}

void RtpStream::update(const StreamConfig &config) {
   if (config.dtmf_payload_type != inner_->config.dtmf_payload_type) inner_->dtmf = DtmfDetector();
   inner_->config = config;
}

std::uint16_t RtpStream::local_port() const { return inner_->lease.rtp_port(); }
const StreamConfig &RtpStream::config() const { return inner_->config; }
const udp::endpoint &RtpStream::remote() const { return inner_->config.remote; }
StreamCounters RtpStream::counters() const {
   StreamCounters c = inner_->counters;
   c.sent += inner_->batch_sent.load(std::memory_order_relaxed);
   c.send_errors += inner_->batch_errors.load(std::memory_order_relaxed);
   return c;
}
std::uint32_t RtpStream::ssrc() const { return inner_->ssrc; }
std::uint16_t RtpStream::next_sequence() const { return inner_->sequence; }
std::uint32_t RtpStream::timestamp() const { return inner_->timestamp; }
void RtpStream::advance(std::uint32_t samples) { inner_->timestamp += samples; }

void RtpStream::send(std::span<const std::uint8_t> payload, std::uint8_t payload_type, bool marker) {
   send_at(payload, payload_type, marker, inner_->timestamp);
}

// Writes the next packet into s.out; its size, or 0 when nothing is to be sent.
std::size_t RtpStream::prepare(std::span<const std::uint8_t> payload, std::uint8_t payload_type, bool marker, std::uint32_t ts) {
   Inner &s = *inner_;
   s.timestamp = ts;
   const auto dir = s.config.direction;
   if (dir == Direction::recvonly || dir == Direction::inactive) return 0;
   if (s.config.remote.port() == 0 || s.config.remote.address().is_unspecified()) return 0;
   if (payload.size() > kMaxRtpPacket - kRtpHeaderBytes || !s.lease.valid()) return 0;
   write_rtp_header({payload_type, marker, s.sequence, ts, s.ssrc}, s.out.data());
   std::copy(payload.begin(), payload.end(), s.out.begin() + kRtpHeaderBytes);
   return kRtpHeaderBytes + payload.size();
}

void RtpStream::send(std::span<const std::uint8_t> payload, std::uint8_t payload_type, bool marker, SendBatch &batch) {
   const std::size_t size = prepare(payload, payload_type, marker, inner_->timestamp);
   if (size == 0) return;
   Inner &s = *inner_;
   batch.add({inner_, s.lease.rtp().native_handle(), &s.closed, &s.batch_sent, &s.batch_errors}, s.config.remote,
             std::span<const std::uint8_t>(s.out.data(), size));
   ++s.sequence;
}

void RtpStream::send_at(std::span<const std::uint8_t> payload, std::uint8_t payload_type, bool marker, std::uint32_t ts) {
   const std::size_t size = prepare(payload, payload_type, marker, ts);
   if (size == 0) return;
   Inner &s = *inner_;
   boost::system::error_code ec;
   s.lease.rtp().send_to(asio::buffer(s.out.data(), size), s.config.remote, 0, ec);
   ++s.sequence;
   if (ec)
      ++s.counters.send_errors;
   else
      ++s.counters.sent;
}

void RtpStream::on_dtmf(std::function<void(char)> callback) { inner_->on_dtmf = std::move(callback); }
void RtpStream::on_media(std::function<void(const RtpView &)> callback) { inner_->on_media = std::move(callback); }

}  // namespace portier::media
