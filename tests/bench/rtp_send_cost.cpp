// SPDX-License-Identifier: GPL-3.0-or-later
// rtp_send_cost: what one RTP packet costs the sender, lib-media's RtpStream beside oRTP's
// rtp_session_send_with_ts, in one run on the same machine. N streams, each on its own bound
// port pair as a call has, send one 160-byte G.711 packet per 20 ms round for R rounds to
// receivers on 127.0.0.1 that a second thread drains. Prints CPU microseconds per packet of the
// sending thread for each. This is the measurement behind lib-media's own RTP writer (see
// plugins/lib-media/README.md, "Why not oRTP for the send path").
//   rtp_send_cost [--streams N (2000)] [--rounds R (100)]
#include <sys/resource.h>

#include <poll.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/udp.hpp>

#include <ortp/ortp.h>

#include "port_range.h"
#include "rtp_stream.h"

namespace asio = boost::asio;
using asio::ip::udp;
using portier::media::PortRange;
using portier::media::StreamConfig;

namespace {

constexpr int kReceivers = 8;

double thread_cpu_seconds() {
   rusage r{};
   getrusage(RUSAGE_THREAD, &r);
   return static_cast<double>(r.ru_utime.tv_sec + r.ru_stime.tv_sec) +
          static_cast<double>(r.ru_utime.tv_usec + r.ru_stime.tv_usec) / 1e6;
}

// Receivers on 127.0.0.1 that a thread drains, so the senders never meet a full buffer.
struct Drain {
   asio::io_context io;
   std::vector<udp::socket> sockets;
   std::atomic<bool> stop{false};
   std::atomic<std::uint64_t> received{0};
   std::thread thread;

   Drain() {
      for (int i = 0; i < kReceivers; ++i) {
         sockets.emplace_back(io, udp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
         sockets.back().set_option(asio::socket_base::receive_buffer_size(4 << 20));
         sockets.back().non_blocking(true);
      }
      thread = std::thread([this] { run(); });
   }
   ~Drain() {
      stop = true;
      thread.join();
   }
   udp::endpoint target(std::size_t i) const { return sockets[i % sockets.size()].local_endpoint(); }

   void run() {
      std::vector<pollfd> fds;
      for (auto &s : sockets) fds.push_back({s.native_handle(), POLLIN, 0});
      char buf[2048];
      while (!stop) {
         if (poll(fds.data(), fds.size(), 10) <= 0) continue;
         for (auto &s : sockets) {
            boost::system::error_code ec;
            while (s.receive(asio::buffer(buf), 0, ec) > 0 && !ec) ++received;
         }
      }
   }
};

double own_writer(int streams, int rounds, Drain &drain) {
   asio::io_context io;
   std::vector<std::unique_ptr<portier::media::RtpStream>> senders;
   std::optional<PortRange> range;
   for (std::uint16_t start = 20000; start < 60000 && !range; start += 4000) {
      if (auto r = PortRange::reserve(io, "127.0.0.1", start, static_cast<std::uint32_t>(streams) * 2); r.ok()) {
         range.emplace(std::move(r.value()));
      }
   }
   if (!range) {
      std::fprintf(stderr, "no free port range for %d streams\n", streams);
      std::exit(1);
   }
   for (int i = 0; i < streams; ++i) {
      auto lease = range->allocate();
      StreamConfig config;
      config.remote = drain.target(static_cast<std::size_t>(i));
      config.symmetric = false;
      senders.push_back(std::make_unique<portier::media::RtpStream>(std::move(lease.value()), config, 0x1000u + static_cast<unsigned>(i)));
   }
   std::vector<std::uint8_t> payload(160, 0xd5);
   double cpu = 0;
   for (int r = 0; r < rounds; ++r) {
      const double before = thread_cpu_seconds();
      for (auto &s : senders) {
         s->send(payload, 8, r == 0);
         s->advance(160);
      }
      cpu += thread_cpu_seconds() - before;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
   }
   return cpu;
}

double ortp_sessions(int streams, int rounds, Drain &drain) {
   std::vector<RtpSession *> sessions;
   for (int i = 0; i < streams; ++i) {
      RtpSession *s = rtp_session_new(RTP_SESSION_SENDONLY);
      rtp_session_set_scheduling_mode(s, 0);
      rtp_session_set_blocking_mode(s, 0);
      if (rtp_session_set_local_addr(s, "127.0.0.1", -1, -1) != 0) {
         std::fprintf(stderr, "oRTP could not bind stream %d\n", i);
         std::exit(1);
      }
      const udp::endpoint to = drain.target(static_cast<std::size_t>(i));
      rtp_session_set_remote_addr(s, to.address().to_string().c_str(), to.port());
      rtp_session_set_payload_type(s, 8);
      rtp_session_set_ssrc(s, 0x2000u + static_cast<unsigned>(i));
      sessions.push_back(s);
   }
   std::vector<std::uint8_t> payload(160, 0xd5);
   double cpu = 0;
   for (int r = 0; r < rounds; ++r) {
      const double before = thread_cpu_seconds();
      for (RtpSession *s : sessions) {
         rtp_session_send_with_ts(s, payload.data(), static_cast<int>(payload.size()), static_cast<std::uint32_t>(r) * 160u);
      }
      cpu += thread_cpu_seconds() - before;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
   }
   for (RtpSession *s : sessions) rtp_session_destroy(s);
   return cpu;
}

}  // namespace

int main(int argc, char **argv) {
   int streams = 2000;
   int rounds = 100;
   for (int i = 1; i + 1 < argc; i += 2) {
      const std::string flag = argv[i];
      const int value = std::atoi(argv[i + 1]);
      if (flag == "--streams") streams = std::max(1, std::min(value, 10000));
      if (flag == "--rounds") rounds = std::max(1, std::min(value, 1000));
   }
   ortp_init();
   ortp_set_log_level_mask(nullptr, ORTP_FATAL);
   Drain drain;
   const double packets = static_cast<double>(streams) * rounds;
   const double own = own_writer(streams, rounds, drain);
   const double ortp = ortp_sessions(streams, rounds, drain);
   std::printf("RTP send cost, %d streams x %d rounds of one 160-byte packet per 20 ms, CPU of the sending thread\n",
               streams, rounds);
   std::printf("  lib-media RtpStream:          %6.2f us per packet\n", own * 1e6 / packets);
   std::printf("  oRTP rtp_session_send_with_ts: %6.2f us per packet\n", ortp * 1e6 / packets);
   std::printf("  ratio oRTP / lib-media: %.2f (receivers got %llu of %.0f packets)\n", ortp / own,
               static_cast<unsigned long long>(drain.received.load()), 2 * packets);
   ortp_exit();
   return 0;
}
