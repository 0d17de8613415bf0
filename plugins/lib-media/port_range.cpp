// SPDX-License-Identifier: GPL-3.0-or-later
#include "port_range.h"

#include <array>

namespace portier::media {

namespace asio = boost::asio;
using asio::ip::udp;

struct PortLease::Pool {
   struct Pair {
      std::uint16_t port = 0;
      std::unique_ptr<udp::socket> rtp;
      std::unique_ptr<udp::socket> rtcp;
   };
   std::deque<Pair> free;
   std::size_t total = 0;
   std::string label;  // "127.0.0.1:30000-30999" for messages
};

namespace {

constexpr std::uint32_t kMaxPorts = 20000;

Result<std::unique_ptr<udp::socket>> bind_port(asio::io_context &io, const asio::ip::address &addr, std::uint16_t port) {
   auto s = std::make_unique<udp::socket>(io);
   boost::system::error_code ec;
   s->open(addr.is_v4() ? udp::v4() : udp::v6(), ec);
   if (!ec) s->bind(udp::endpoint(addr, port), ec);  // no SO_REUSEADDR: a taken port fails here
   if (!ec) s->non_blocking(true, ec);
   if (ec) return error(PORTIER_ERR_BUSY, "RTP port " + addr.to_string() + ":" + std::to_string(port) + " cannot be bound: " + ec.message());
   return s;
}

// Stale datagrams of the previous call must not reach the next one.
void drain(udp::socket &s) {
   std::array<std::uint8_t, 2048> buf{};
   boost::system::error_code ec;
   for (int i = 0; i < 1024; ++i) {
      udp::endpoint from;
      s.receive_from(asio::buffer(buf), from, 0, ec);
      if (ec) return;
   }
}

}  // namespace

PortLease &PortLease::operator=(PortLease &&other) noexcept {
   if (this != &other) {
      give_back();
      pool_ = std::move(other.pool_);
      port_ = other.port_;
      rtp_ = std::move(other.rtp_);
      rtcp_ = std::move(other.rtcp_);
   }
   return *this;
}

PortLease::~PortLease() { give_back(); }

void PortLease::give_back() {
   if (!rtp_) return;
   if (auto pool = pool_.lock()) {
      boost::system::error_code ec;
      rtp_->cancel(ec);
      rtcp_->cancel(ec);
      drain(*rtp_);
      drain(*rtcp_);
      pool->free.push_back({port_, std::move(rtp_), std::move(rtcp_)});
   }
   rtp_.reset();
   rtcp_.reset();
}

Result<PortRange> PortRange::reserve(asio::io_context &io, const std::string &address, std::uint16_t start, std::uint32_t count) {
   boost::system::error_code ec;
   const auto addr = asio::ip::make_address(address, ec);
   if (ec) return error(PORTIER_ERR_CONFIG, "RTP address '" + address + "' is not an IP address");
   if (count < 2 || count > kMaxPorts)
      return error(PORTIER_ERR_CONFIG, "RTP port count " + std::to_string(count) + " is outside 2.." + std::to_string(kMaxPorts));
   const std::uint32_t first = start + (start & 1u);
   const std::uint32_t end = start + count;  // exclusive
   if (start == 0 || end > 65536)
      return error(PORTIER_ERR_CONFIG, "RTP ports " + std::to_string(start) + "+" + std::to_string(count) + " do not fit in 1..65535");
   PortRange range;
   range.pool_ = std::make_shared<PortLease::Pool>();
   range.pool_->label = address + ":" + std::to_string(start) + "-" + std::to_string(end - 1);
   for (std::uint32_t p = first; p + 1 < end; p += 2) {
      auto rtp = bind_port(io, addr, static_cast<std::uint16_t>(p));
      if (!rtp) return error(PORTIER_ERR_BUSY, "RTP range " + range.pool_->label + ": " + rtp.message());
      auto rtcp = bind_port(io, addr, static_cast<std::uint16_t>(p + 1));
      if (!rtcp) return error(PORTIER_ERR_BUSY, "RTP range " + range.pool_->label + ": " + rtcp.message());
      range.pool_->free.push_back({static_cast<std::uint16_t>(p), std::move(rtp).value(), std::move(rtcp).value()});
   }
   range.pool_->total = range.pool_->free.size();
   if (range.pool_->total == 0) return error(PORTIER_ERR_CONFIG, "RTP range " + range.pool_->label + " holds no even/odd pair");
   return range;
}

Result<PortLease> PortRange::allocate() {
   if (pool_->free.empty())
      return error(PORTIER_ERR_BUSY, "RTP range " + pool_->label + " is exhausted: all " + std::to_string(pool_->total) + " port pairs in use");
   PortLease lease;
   auto &pair = pool_->free.front();
   lease.pool_ = pool_;
   lease.port_ = pair.port;
   lease.rtp_ = std::move(pair.rtp);
   lease.rtcp_ = std::move(pair.rtcp);
   pool_->free.pop_front();
   return lease;
}

std::size_t PortRange::free_pairs() const { return pool_->free.size(); }
std::size_t PortRange::total_pairs() const { return pool_->total; }

}  // namespace portier::media
