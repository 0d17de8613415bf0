// SPDX-License-Identifier: GPL-3.0-or-later
// rtp_bench: N music-on-hold streams from trunk.sip's media scheduler (one thread, one timer)
// to draining receivers on 127.0.0.1 for T seconds. Prints lateness of each packet against its
// 20 ms slot (at the sender, and at the receiver against the stream's first packet), packets
// lost at the receiver, sender CPU seconds per stream-second and memory per stream. Figures
// only; no pass or fail. Compare with shared/bench-reference/rtp (paced sender) in one run.
//   rtp_bench [--streams N (5000)] [--seconds T (10, at most 120)] [--tick-us U (2000)]
#include <sys/resource.h>
#include <sys/socket.h>

#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include <boost/asio/io_context.hpp>

#include "player.h"
#include "port_range.h"
#include "rtp_packet.h"
#include "rtp_stream.h"
#include "scheduler.h"

namespace asio = boost::asio;
using asio::ip::udp;
using namespace portier::media;
using Clock = std::chrono::steady_clock;

namespace {

constexpr int kReceiverPorts = 16;

double thread_cpu_seconds() {
   rusage r{};
   getrusage(RUSAGE_THREAD, &r);
   return static_cast<double>(r.ru_utime.tv_sec + r.ru_stime.tv_sec) + (r.ru_utime.tv_usec + r.ru_stime.tv_usec) / 1e6;
}

long rss_kb() {
   std::ifstream f("/proc/self/statm");
   long pages = 0, resident = 0;
   f >> pages >> resident;
   return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

struct StreamSeen {
   bool started = false;
   Clock::time_point first_at;
   std::uint32_t first_ts = 0;
   std::uint16_t last_seq = 0;
   std::int64_t ext_seq = 0;  // extended sequence of the last packet
   std::int64_t first_ext = 0;
   std::uint64_t received = 0;
};

struct ReceiverResult {
   std::uint64_t received = 0;
   std::uint64_t lost = 0;
   LatenessHistogram jitter;
   double cpu_s = 0;
};

// Drains kReceiverPorts sockets with recvmmsg until `stop`; bounded by the deadline too.
void receive_all(std::vector<int> fds, std::atomic<bool> &stop, Clock::time_point deadline, ReceiverResult &out) {
   const double cpu0 = thread_cpu_seconds();
   std::unordered_map<std::uint32_t, StreamSeen> seen;
   std::vector<pollfd> pf;
   for (int fd : fds) pf.push_back({fd, POLLIN, 0});
   constexpr int kBatch = 64;
   static std::uint8_t buf[kBatch][256];
   mmsghdr mm[kBatch];
   iovec iov[kBatch];
   for (int i = 0; i < kBatch; ++i) {
      iov[i] = {buf[i], sizeof buf[i]};
      std::memset(&mm[i], 0, sizeof mm[i]);
      mm[i].msg_hdr.msg_iov = &iov[i];
      mm[i].msg_hdr.msg_iovlen = 1;
   }
   while (!stop.load() && Clock::now() < deadline) {
      if (poll(pf.data(), pf.size(), 100) <= 0) continue;
      for (auto &p : pf) {
         if (!(p.revents & POLLIN)) continue;
         for (int rounds = 0; rounds < 64; ++rounds) {
            const int n = recvmmsg(p.fd, mm, kBatch, MSG_DONTWAIT, nullptr);
            if (n <= 0) break;
            const auto now = Clock::now();
            for (int i = 0; i < n; ++i) {
               const auto v = parse_rtp(std::span<const std::uint8_t>(buf[i], mm[i].msg_len));
               if (!v) continue;
               auto &s = seen[v->header.ssrc];
               ++out.received;
               if (!s.started) {
                  s = {true, now, v->header.timestamp, v->header.sequence, 0, 0, 1};
                  continue;
               }
               s.ext_seq += static_cast<std::int16_t>(v->header.sequence - s.last_seq);
               s.last_seq = v->header.sequence;
               ++s.received;
               const double slot_ms = static_cast<std::uint32_t>(v->header.timestamp - s.first_ts) / 8.0;
               const double at_ms = std::chrono::duration<double, std::milli>(now - s.first_at).count();
               out.jitter.add(at_ms - slot_ms);
            }
         }
      }
   }
   for (const auto &[ssrc, s] : seen) {
      const auto expected = static_cast<std::uint64_t>(s.ext_seq - s.first_ext + 1);
      if (expected > s.received) out.lost += expected - s.received;
   }
   out.cpu_s = thread_cpu_seconds() - cpu0;
}

}  // namespace

int main(int argc, char **argv) {
   int streams = 5000;
   double seconds = 10;
   int tick_us = 2000;
   for (int i = 1; i + 1 < argc; i += 2) {
      const std::string a = argv[i];
      if (a == "--streams") streams = std::clamp(std::atoi(argv[i + 1]), 1, 20000);
      else if (a == "--seconds") seconds = std::clamp(std::atof(argv[i + 1]), 1.0, 120.0);
      else if (a == "--tick-us") tick_us = std::atoi(argv[i + 1]);
   }
   rlimit lim{};
   getrlimit(RLIMIT_NOFILE, &lim);
   lim.rlim_cur = lim.rlim_max;
   setrlimit(RLIMIT_NOFILE, &lim);

   asio::io_context io;
   // Receivers first, on ports the kernel picks.
   std::vector<int> rx_fds;
   std::vector<udp::endpoint> rx_eps;
   for (int i = 0; i < kReceiverPorts; ++i) {
      const int fd = socket(AF_INET, SOCK_DGRAM, 0);
      int size = 8 << 20;
      setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof size);
      sockaddr_in a{};
      a.sin_family = AF_INET;
      a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
      bind(fd, reinterpret_cast<sockaddr *>(&a), sizeof a);
      socklen_t len = sizeof a;
      getsockname(fd, reinterpret_cast<sockaddr *>(&a), &len);
      rx_fds.push_back(fd);
      rx_eps.emplace_back(asio::ip::make_address("127.0.0.1"), ntohs(a.sin_port));
   }

   const auto count = static_cast<std::uint32_t>(2 * streams);
   std::optional<PortRange> range;
   for (std::uint32_t base = 20000; base + count < 65000 && !range; base += 1000) {
      if (base <= 5080 && base + count >= 5060) continue;
      auto r = PortRange::reserve(io, "127.0.0.1", static_cast<std::uint16_t>(base), count);
      if (r) range.emplace(std::move(r).value());
   }
   if (!range) {
      std::fprintf(stderr, "rtp_bench: no free block of %u ports on 127.0.0.1 (raise ulimit -n?)\n", count);
      return 1;
   }

   std::vector<std::int16_t> music(8000 * 10);
   for (std::size_t i = 0; i < music.size(); ++i)
      music[i] = static_cast<std::int16_t>(8000 * std::sin(2 * M_PI * 440 * static_cast<double>(i) / 8000));
   const auto clip = std::make_shared<const Clip>(clip_from_samples(std::move(music)));

   Scheduler scheduler(io, Scheduler::Options{std::chrono::microseconds(tick_us), 3, true});
   const long rss0 = rss_kb();
   std::vector<std::unique_ptr<RtpStream>> rtp;
   std::vector<std::unique_ptr<Player>> players;
   for (int i = 0; i < streams; ++i) {
      StreamConfig c;
      c.remote = rx_eps[static_cast<std::size_t>(i % kReceiverPorts)];
      rtp.push_back(std::make_unique<RtpStream>(std::move(range->allocate()).value(), c, 0x10000u + static_cast<std::uint32_t>(i)));
      rtp.back()->start();
      players.push_back(std::make_unique<Player>(scheduler, *rtp.back()));
      players.back()->play({{clip, true}});
   }
   const long rss1 = rss_kb();

   std::atomic<bool> stop{false};
   ReceiverResult rx;
   const auto deadline = Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds + 5));
   std::thread receiver(receive_all, rx_fds, std::ref(stop), deadline, std::ref(rx));

   const double cpu0 = thread_cpu_seconds();
   const auto t0 = Clock::now();
   io.run_for(std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds)));
   const double wall = std::chrono::duration<double>(Clock::now() - t0).count();
   const double cpu = thread_cpu_seconds() - cpu0;
   for (auto &p : players) p->stop();
   std::uint64_t sent = 0, errors = 0;
   for (auto &s : rtp) {
      sent += s->counters().sent;
      errors += s->counters().send_errors;
   }
   std::this_thread::sleep_for(std::chrono::milliseconds(300));  // let the last packets land
   stop = true;
   receiver.join();
   for (int fd : rx_fds) close(fd);

   const auto &late = scheduler.lateness();
   std::printf("rtp_bench: %d streams, %.1f s, tick %d us (own RTP writer on asio UDP sockets, one per stream)\n", streams, wall, tick_us);
   std::printf("  packets sent %llu (expected %.0f), send errors %llu\n", static_cast<unsigned long long>(sent), streams * wall * 50, static_cast<unsigned long long>(errors));
   std::printf("  sender lateness vs 20 ms slot: p50 %.1f ms  p99 %.1f ms  max %.2f ms\n", late.percentile(50), late.percentile(99), late.max_ms);
   std::printf("  receiver: got %llu, lost %llu; arrival vs slot (from first packet): p50 %.1f ms  p99 %.1f ms  max %.2f ms\n",
               static_cast<unsigned long long>(rx.received), static_cast<unsigned long long>(rx.lost), rx.jitter.percentile(50),
               rx.jitter.percentile(99), rx.jitter.max_ms);
   std::printf("  sender CPU: %.2f s over %.1f s = %.1f %% of a core; %.3f ms CPU per stream-second; %.2f us per packet\n", cpu, wall,
               100 * cpu / wall, 1000 * cpu / (streams * wall), sent ? 1e6 * cpu / static_cast<double>(sent) : 0.0);
   std::printf("  receiver CPU: %.2f s\n", rx.cpu_s);
   std::printf("  memory: %.1f kB RSS per stream (user space; socket buffers are kernel memory)\n",
               static_cast<double>(rss1 - rss0) / streams);
   return 0;
}
