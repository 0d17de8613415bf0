// SPDX-License-Identifier: GPL-3.0-or-later
#include "loopback.h"
#include "test_ports.h"

#include <stdexcept>

#include <boost/asio/buffer.hpp>

namespace portier::media::test {

namespace asio = boost::asio;
using asio::ip::udp;

PortRange reserve_free_range(asio::io_context &io, std::uint32_t count) {
   // A few tries: a program outside the reservations may bind a port between check and reserve.
   for (int attempt = 0; attempt < 5; ++attempt) {
      auto r = PortRange::reserve(io, "127.0.0.1", portier::test::reserve_rtp_range(count), count);
      if (r) return std::move(r).value();
   }
   throw std::runtime_error("no free port block on 127.0.0.1");
}

Peer::Peer(asio::io_context &io) : socket_(io, udp::endpoint(asio::ip::make_address("127.0.0.1"), 0)) { receive(); }

udp::endpoint Peer::endpoint() const { return socket_.local_endpoint(); }

void Peer::send(const udp::endpoint &to, const RtpHeader &h, const std::vector<std::uint8_t> &payload) {
   std::vector<std::uint8_t> packet(kRtpHeaderBytes + payload.size());
   write_rtp_header(h, packet.data());
   std::copy(payload.begin(), payload.end(), packet.begin() + kRtpHeaderBytes);
   socket_.send_to(asio::buffer(packet), to);
}

void Peer::receive() {
   socket_.async_receive_from(asio::buffer(buf_), from_, [this](const boost::system::error_code &ec, std::size_t n) {
      if (ec) return;
      if (auto v = parse_rtp(std::span<const std::uint8_t>(buf_.data(), n)))
         received.push_back({std::chrono::steady_clock::now(), v->header, {v->payload.begin(), v->payload.end()}, from_});
      receive();
   });
}

}  // namespace portier::media::test
