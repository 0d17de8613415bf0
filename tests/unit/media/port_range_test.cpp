// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>

#include <set>

#include "port_range.h"
#include "test_ports.h"

using namespace portier::media;
namespace asio = boost::asio;
using asio::ip::udp;

namespace {

// A free even port and the `count` - 1 after it, reserved for this test process so no test
// running in parallel binds them before the range under test does (tests/support/test_ports.h).
std::uint16_t free_base(std::uint32_t count) { return portier::test::reserve_rtp_range(count); }

}  // namespace

TEST_CASE("the whole range is bound at start and handed out pair by pair, even RTP ports") {
   asio::io_context io;
   const auto base = free_base(12);
   auto range = PortRange::reserve(io, "127.0.0.1", static_cast<std::uint16_t>(base + 1), 11);  // odd start
   REQUIRE(range);
   CHECK(range.value().total_pairs() == 5);  // base+2 .. base+11
   // Every port of the range is taken for anyone else.
   for (int p = base + 2; p <= base + 11; ++p) {
      udp::socket other(io, udp::v4());
      boost::system::error_code ec;
      other.bind(udp::endpoint(asio::ip::make_address("127.0.0.1"), static_cast<std::uint16_t>(p)), ec);
      CHECK(ec);
   }
   std::set<std::uint16_t> ports;
   std::vector<PortLease> leases;
   for (int i = 0; i < 5; ++i) {
      auto lease = range.value().allocate();
      REQUIRE(lease);
      CHECK(lease.value().rtp_port() % 2 == 0);
      CHECK(lease.value().rtp().local_endpoint().port() == lease.value().rtp_port());
      CHECK(lease.value().rtcp().local_endpoint().port() == lease.value().rtp_port() + 1);
      ports.insert(lease.value().rtp_port());
      leases.push_back(std::move(lease).value());
   }
   CHECK(ports.size() == 5);
   CHECK(range.value().free_pairs() == 0);
}

TEST_CASE("an exhausted range gives an error, and a released pair can be leased again") {
   asio::io_context io;
   const auto base = free_base(4);
   auto range = PortRange::reserve(io, "127.0.0.1", base, 4);
   REQUIRE(range);
   auto a = range.value().allocate();
   auto b = range.value().allocate();
   REQUIRE(a);
   REQUIRE(b);
   auto c = range.value().allocate();
   REQUIRE_FALSE(c);
   CHECK_THAT(c.message(), Catch::Matchers::Contains("exhausted"));
   const auto port = a.value().rtp_port();
   { PortLease gone = std::move(a).value(); }
   CHECK(range.value().free_pairs() == 1);
   auto again = range.value().allocate();
   REQUIRE(again);
   CHECK(again.value().rtp_port() == port);
}

TEST_CASE("a range overlapping a port in use fails and names the port") {
   asio::io_context io;
   const auto base = free_base(4);
   udp::socket squatter(io, udp::endpoint(asio::ip::make_address("127.0.0.1"), static_cast<std::uint16_t>(base + 3)));
   auto range = PortRange::reserve(io, "127.0.0.1", base, 4);
   REQUIRE_FALSE(range);
   CHECK_THAT(range.message(), Catch::Matchers::Contains(std::to_string(base + 3)));
   CHECK_FALSE(PortRange::reserve(io, "not-an-ip", base, 4));
   CHECK_FALSE(PortRange::reserve(io, "127.0.0.1", 65530, 100));
}

TEST_CASE("datagrams left on a released pair do not reach its next lease") {
   asio::io_context io;
   const auto base = free_base(2);
   auto range = PortRange::reserve(io, "127.0.0.1", base, 2);
   REQUIRE(range);
   {
      auto lease = range.value().allocate();
      REQUIRE(lease);
      udp::socket sender(io, udp::endpoint(udp::v4(), 0));
      const std::uint8_t stale[3] = {1, 2, 3};
      sender.send_to(asio::buffer(stale), udp::endpoint(asio::ip::make_address("127.0.0.1"), base));
   }
   auto lease = range.value().allocate();
   REQUIRE(lease);
   std::uint8_t buf[16];
   udp::endpoint from;
   boost::system::error_code ec;
   lease.value().rtp().receive_from(asio::buffer(buf), from, 0, ec);
   CHECK(ec == asio::error::would_block);
}
