// SPDX-License-Identifier: GPL-3.0-or-later
// The RTP port range (start, count): every pair (even RTP port, odd RTCP port) is bound when the
// range is reserved, so no other process or part can take one, and handed out pair by pair.
// A lease returns its sockets to the range when it ends (after draining stale datagrams);
// released pairs go to the back of the queue so a late packet of an old call rarely meets a
// new one. Exhaustion is an error value. Single-threaded: use on the io_context's thread.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/udp.hpp>

#include <portier/result.hpp>

namespace portier::media {

class PortRange;

// One reserved pair; move-only. The sockets are open, bound and non-blocking.
class PortLease {
public:
   PortLease() = default;
   PortLease(PortLease &&) noexcept = default;
   PortLease &operator=(PortLease &&other) noexcept;
   ~PortLease();

   bool valid() const { return rtp_ != nullptr; }
   std::uint16_t rtp_port() const { return port_; }
   boost::asio::ip::udp::socket &rtp() { return *rtp_; }
   boost::asio::ip::udp::socket &rtcp() { return *rtcp_; }

private:
   friend class PortRange;
   struct Pool;
   void give_back();

   std::weak_ptr<Pool> pool_;
   std::uint16_t port_ = 0;
   std::unique_ptr<boost::asio::ip::udp::socket> rtp_;
   std::unique_ptr<boost::asio::ip::udp::socket> rtcp_;
};

class PortRange {
public:
   // Binds `address`:port for every port of [start, start + count), starting at the first even
   // port; a trailing odd port is left out. Any port that cannot be bound fails the whole range
   // with an error naming it. count is 2..20000.
   static Result<PortRange> reserve(boost::asio::io_context &io, const std::string &address,
                                    std::uint16_t start, std::uint32_t count);

   Result<PortLease> allocate();
   std::size_t free_pairs() const;
   std::size_t total_pairs() const;

private:
   std::shared_ptr<PortLease::Pool> pool_;
};

}  // namespace portier::media
