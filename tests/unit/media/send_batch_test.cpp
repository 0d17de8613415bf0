// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>

#include "loopback.h"
#include "player.h"
#include "rtp_stream.h"
#include "send_batch.h"

using namespace portier::media;
using namespace portier::media::test;
namespace asio = boost::asio;
using namespace std::chrono_literals;

namespace {

std::unique_ptr<RtpStream> stream_to(PortRange &range, const Peer &peer, std::uint32_t ssrc) {
   StreamConfig c;
   c.remote = peer.endpoint();
   return std::make_unique<RtpStream>(std::move(range.allocate()).value(), c, ssrc);
}

// Every way a batch can send: io_uring or sendto, on the caller's thread or its own.
const std::vector<SendBatch::Options> kModes = {{true, false}, {false, false}, {true, true}, {false, true}};

std::string mode_name(const SendBatch::Options &o) {
   return std::string(o.io_uring ? "io_uring asked for" : "sendto") + (o.own_thread ? ", own thread" : ", inline");
}

// Runs `io` until `peer` holds `count` packets, bounded.
void receive_until(asio::io_context &io, const Peer &peer, std::size_t count) {
   for (int i = 0; i < 200 && peer.received.size() < count; ++i) io.run_for(5ms);
}

}  // namespace

TEST_CASE("a batch sends every packet in order, through io_uring where it can and by sendto otherwise") {
   constexpr std::uint32_t kStreams = 6;
   constexpr int kRounds = 50;  // 300 packets: more than one ring submission holds
   for (const SendBatch::Options &mode : kModes) {
      INFO(mode_name(mode));
      asio::io_context io;
      PortRange range = reserve_free_range(io, 2 * kStreams);
      // A receiver per stream, so no socket buffer overflows while the batch arrives at once.
      std::vector<std::unique_ptr<Peer>> peers;
      std::vector<std::unique_ptr<RtpStream>> streams;
      for (std::uint32_t s = 0; s < kStreams; ++s) {
         peers.push_back(std::make_unique<Peer>(io));
         streams.push_back(stream_to(range, *peers.back(), 0x100 + s));
      }
      SendBatch batch(mode);
      CHECK(batch.uses_own_thread() == mode.own_thread);
      // io_uring may be refused here (kernel setting, seccomp); then the reason is told.
      if (mode.io_uring) CHECK(batch.uses_io_uring() == batch.fallback_reason().empty());
      if (!mode.io_uring) CHECK_FALSE(batch.uses_io_uring());
      const std::vector<std::uint8_t> payload(160, 0xd5);
      for (int round = 0; round < kRounds; ++round)
         for (auto &s : streams) s->send(payload, 8, round == 0, batch);
      CHECK(batch.pending() == kStreams * kRounds);
      CHECK(streams[0]->counters().sent == 0);  // nothing left before the flush
      batch.flush();
      CHECK(batch.pending() == 0);
      REQUIRE(batch.wait_sent());
      for (std::uint32_t s = 0; s < kStreams; ++s) {
         INFO("stream " << s);
         CHECK(streams[s]->counters().sent == kRounds);
         CHECK(streams[s]->counters().send_errors == 0);
         receive_until(io, *peers[s], kRounds);
         const auto &packets = peers[s]->received;
         REQUIRE(packets.size() == kRounds);
         CHECK(packets[0].header.marker);
         CHECK(packets[0].header.ssrc == 0x100 + s);
         CHECK(packets[0].from.port() == streams[s]->local_port());
         for (std::size_t i = 1; i < packets.size(); ++i)
            CHECK(packets[i].header.sequence == static_cast<std::uint16_t>(packets[i - 1].header.sequence + 1));
      }
   }
}

TEST_CASE("a stream destroyed before its batch leaves loses its packets, the others still go") {
   for (const SendBatch::Options &mode : kModes) {
      INFO(mode_name(mode));
      asio::io_context io;
      PortRange range = reserve_free_range(io, 8);
      Peer peer(io);
      auto kept = stream_to(range, peer, 0x200);
      auto gone = stream_to(range, peer, 0x201);
      SendBatch batch(mode);
      const std::vector<std::uint8_t> payload(160, 0x55);
      for (int i = 0; i < 5; ++i) {
         kept->send(payload, 8, false, batch);
         gone->send(payload, 8, false, batch);
      }
      gone.reset();  // its socket is closed; its descriptor may be reused by the next one
      auto reused = stream_to(range, peer, 0x202);
      batch.flush();
      REQUIRE(batch.wait_sent());
      receive_until(io, peer, 5);
      io.run_for(30ms);
      REQUIRE(peer.received.size() == 5);
      for (const Received &r : peer.received) CHECK(r.header.ssrc == 0x200);
      CHECK(kept->counters().sent == 5);
   }
}

TEST_CASE("a packet too large for a datagram is counted as a send error, not sent") {
   asio::io_context io;
   PortRange range = reserve_free_range(io, 2);
   Peer peer(io);
   auto stream = stream_to(range, peer, 0x300);
   SendBatch batch;
   std::atomic<std::uint64_t> sent{0};
   std::atomic<std::uint64_t> errors{0};
   const std::vector<std::uint8_t> huge(1600, 0);
   batch.add({nullptr, -1, nullptr, &sent, &errors}, peer.endpoint(), huge);
   batch.flush();
   CHECK(sent == 0);
   CHECK(errors == 1);
}

TEST_CASE("music paced by a scheduler arrives on its grid with sendto and with a sender thread") {
   for (const bool send_thread : {false, true}) {
      INFO((send_thread ? "sender thread, io_uring where it can" : "sendto, inline"));
      asio::io_context io;
      PortRange range = reserve_free_range(io, 4);
      Peer peer(io);
      Scheduler::Options options;
      options.io_uring = send_thread;
      options.send_thread = send_thread;
      options.measure = true;
      Scheduler scheduler(io, options);
      if (!send_thread) CHECK_FALSE(scheduler.batch().uses_io_uring());
      CHECK(scheduler.batch().uses_own_thread() == send_thread);
      auto stream = stream_to(range, peer, 0x400);
      std::vector<std::int16_t> samples(10 * kFrameSamples, 1000);
      Player player(scheduler, *stream);
      player.play({{std::make_shared<const Clip>(clip_from_samples(std::move(samples))), true}});
      io.run_for(205ms);
      player.stop();
      REQUIRE(scheduler.batch().wait_sent());
      io.run_for(10ms);
      const auto &r = peer.received;
      REQUIRE(r.size() >= 8);
      REQUIRE(r.size() <= 12);
      for (std::size_t i = 1; i < r.size(); ++i) {
         CHECK(r[i].header.sequence == static_cast<std::uint16_t>(r[i - 1].header.sequence + 1));
         CHECK(r[i].header.timestamp == r[i - 1].header.timestamp + 160);
      }
      CHECK(stream->counters().sent == r.size());
   }
}
