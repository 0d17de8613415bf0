// SPDX-License-Identifier: GPL-3.0-or-later
// Test helpers for RTP on 127.0.0.1: a port range on free ports, and a peer socket that records
// what arrives (with arrival times) and can send packets of its own.
#pragma once

#include <chrono>
#include <cstdint>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/udp.hpp>

#include "port_range.h"
#include "rtp_packet.h"

namespace portier::media::test {

// A range of `count` ports on free ports that no test running in parallel takes
// (tests/support/test_ports.h); throws std::runtime_error when none is found.
PortRange reserve_free_range(boost::asio::io_context &io, std::uint32_t count);

struct Received {
   std::chrono::steady_clock::time_point at;
   RtpHeader header;
   std::vector<std::uint8_t> payload;
   boost::asio::ip::udp::endpoint from;
};

class Peer {
public:
   explicit Peer(boost::asio::io_context &io);
   boost::asio::ip::udp::endpoint endpoint() const;
   void send(const boost::asio::ip::udp::endpoint &to, const RtpHeader &h, const std::vector<std::uint8_t> &payload);
   std::vector<Received> received;

private:
   void receive();
   boost::asio::ip::udp::socket socket_;
   boost::asio::ip::udp::endpoint from_;
   std::vector<std::uint8_t> buf_ = std::vector<std::uint8_t>(2048);
};

}  // namespace portier::media::test
