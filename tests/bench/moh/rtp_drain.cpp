// SPDX-License-Identifier: GPL-3.0-or-later
#include "rtp_drain.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <limits>

#include "proc_stats.h"

namespace portier::bench {
namespace {

using Clock = std::chrono::steady_clock;
constexpr int kBatch = 64;
constexpr std::int64_t kNsPerSample = 125000;  // 8 kHz
constexpr std::uint32_t kSamplesPerPacket = 160;
constexpr double kBinMs = 0.01;
constexpr std::size_t kBins = 20000;  // 0.01 ms bins up to 200 ms

struct Stream {
   std::uint32_t ssrc = 0;
   bool in_window = false;
   std::uint16_t last_seq = 0;
   std::uint32_t last_ts = 0;
   std::int64_t base_ns = 0;
   std::uint32_t base_ts = 0;
   std::int64_t ext = 0;        // extended sequence of the last packet, from the window's first
   std::uint64_t received = 0;  // in the window
   std::uint64_t duplicates = 0;
   std::uint64_t ts_jumps = 0;
   std::uint64_t skipped = 0;
   std::uint64_t markers = 0;
   float min_offset = std::numeric_limits<float>::max();
};

struct Sample {
   std::uint32_t stream;
   float offset_ms;
};

double cpu_now() {
   rusage r{};
   ::getrusage(RUSAGE_THREAD, &r);
   return static_cast<double>(r.ru_utime.tv_sec + r.ru_stime.tv_sec) +
          static_cast<double>(r.ru_utime.tv_usec + r.ru_stime.tv_usec) / 1e6;
}

}  // namespace

struct RtpDrain::State {
   std::vector<Stream> streams;
   std::vector<std::int32_t> table;  // open addressing: SSRC hash -> index in streams, -1 empty
   std::size_t mask = 0;
   std::uint64_t foreign = 0;
   std::vector<Sample> samples;
   std::size_t reserve = 0;
   std::atomic<int> phase{0};  // 0 counting, 1 window asked, 2 window open, 3 close asked, 4 closed
   std::atomic<bool> stop{false};
   Clock::time_point opened, closed;
   double cpu_opened = 0, cpu_closed = 0;

   Stream *find(std::uint32_t ssrc, std::atomic<std::size_t> &seen) {
      std::size_t at = (ssrc * 2654435761u) & mask;
      for (std::size_t probe = 0; probe <= mask; ++probe, at = (at + 1) & mask) {
         const std::int32_t i = table[at];
         if (i >= 0 && streams[static_cast<std::size_t>(i)].ssrc == ssrc) return &streams[static_cast<std::size_t>(i)];
         if (i < 0) {
            const std::size_t n = seen.load(std::memory_order_relaxed);
            if (n >= streams.size()) return nullptr;  // table full: more streams than sized for
            streams[n].ssrc = ssrc;
            table[at] = static_cast<std::int32_t>(n);
            seen.store(n + 1, std::memory_order_relaxed);
            return &streams[n];
         }
      }
      return nullptr;
   }
};

RtpDrain::RtpDrain(std::uint16_t base, int ports, std::size_t max_streams) : state_(std::make_unique<State>()) {
   for (int i = 0; i < ports; ++i) {
      const int fd = ::socket(AF_INET, SOCK_DGRAM, 0);
      int size = 16 << 20;
      // SO_RCVBUFFORCE passes rmem_max when privileged; otherwise the capped request stands.
      if (::setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &size, sizeof size) != 0) {
         ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof size);
      }
      int on = 1;
      ::setsockopt(fd, SOL_SOCKET, SO_TIMESTAMPNS, &on, sizeof on);
      sockaddr_in a{};
      a.sin_family = AF_INET;
      a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
      a.sin_port = htons(base == 0 ? 0 : static_cast<std::uint16_t>(base + i));
      if (::bind(fd, reinterpret_cast<sockaddr *>(&a), sizeof a) != 0) {
         error_ = "cannot bind 127.0.0.1:" + std::to_string(base == 0 ? 0 : base + i) + ": " + std::strerror(errno);
         ::close(fd);
         return;
      }
      socklen_t len = sizeof a;
      ::getsockname(fd, reinterpret_cast<sockaddr *>(&a), &len);
      fds_.push_back(fd);
      ports_.push_back(ntohs(a.sin_port));
   }
   // Sized (and touched) now, so the memory it takes is in the baseline and not in any call's.
   State &s = *state_;
   s.streams.assign(max_streams, Stream{});
   std::size_t cap = 16;
   while (cap < 4 * max_streams) cap *= 2;
   s.table.assign(cap, -1);
   s.mask = cap - 1;
}

RtpDrain::~RtpDrain() {
   state_->stop = true;
   if (thread_.joinable()) thread_.join();
   for (int fd : fds_) ::close(fd);
}

void RtpDrain::start(int cpu, double limit_s) {
   thread_ = std::thread([this, cpu, limit_s] {
      tid_ = this_thread_id();
      if (cpu >= 0) pin_thread(0, cpu);
      State &s = *state_;
      std::vector<pollfd> pf;
      for (int fd : fds_) pf.push_back({fd, POLLIN, 0});
      static thread_local std::uint8_t buf[kBatch][256];
      static thread_local std::uint8_t ctl[kBatch][CMSG_SPACE(sizeof(timespec))];
      mmsghdr mm[kBatch];
      iovec iov[kBatch];
      const auto deadline = Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(limit_s));
      while (!s.stop.load() && Clock::now() < deadline) {
         int phase = s.phase.load();
         if (phase == 1) {
            s.samples.reserve(s.reserve);
            s.opened = Clock::now();
            s.cpu_opened = cpu_now();
            s.phase = phase = 2;
         } else if (phase == 3) {
            s.closed = Clock::now();
            s.cpu_closed = cpu_now();
            s.phase = phase = 4;
         }
         if (::poll(pf.data(), pf.size(), 20) <= 0) continue;
         for (auto &p : pf) {
            if (!(p.revents & POLLIN)) continue;
            for (int rounds = 0; rounds < 64; ++rounds) {
               for (int i = 0; i < kBatch; ++i) {
                  iov[i] = {buf[i], sizeof buf[i]};
                  std::memset(&mm[i], 0, sizeof mm[i]);
                  mm[i].msg_hdr.msg_iov = &iov[i];
                  mm[i].msg_hdr.msg_iovlen = 1;
                  mm[i].msg_hdr.msg_control = ctl[i];
                  mm[i].msg_hdr.msg_controllen = sizeof ctl[i];
               }
               const int n = ::recvmmsg(p.fd, mm, kBatch, MSG_DONTWAIT, nullptr);
               if (n <= 0) break;
               timespec fallback{};
               ::clock_gettime(CLOCK_REALTIME, &fallback);
               for (int i = 0; i < n; ++i) {
                  const std::uint8_t *b = buf[i];
                  if (mm[i].msg_len < 12 || (b[0] >> 6) != 2) {
                     ++s.foreign;
                     continue;
                  }
                  const auto seq = static_cast<std::uint16_t>(b[2] << 8 | b[3]);
                  const std::uint32_t ts = static_cast<std::uint32_t>(b[4]) << 24 | static_cast<std::uint32_t>(b[5]) << 16 |
                                           static_cast<std::uint32_t>(b[6]) << 8 | b[7];
                  const std::uint32_t ssrc = static_cast<std::uint32_t>(b[8]) << 24 | static_cast<std::uint32_t>(b[9]) << 16 |
                                             static_cast<std::uint32_t>(b[10]) << 8 | b[11];
                  const bool marker = (b[1] & 0x80) != 0;
                  Stream *st = s.find(ssrc, seen_);
                  if (st == nullptr) {
                     ++s.foreign;
                     continue;
                  }
                  if (phase != 2) {
                     st->last_seq = seq;
                     st->last_ts = ts;
                     continue;
                  }
                  timespec at = fallback;
                  for (cmsghdr *c = CMSG_FIRSTHDR(&mm[i].msg_hdr); c != nullptr; c = CMSG_NXTHDR(&mm[i].msg_hdr, c)) {
                     if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_TIMESTAMPNS) std::memcpy(&at, CMSG_DATA(c), sizeof at);
                  }
                  const std::int64_t ns = static_cast<std::int64_t>(at.tv_sec) * 1000000000 + at.tv_nsec;
                  if (!st->in_window) {
                     st->in_window = true;
                     st->base_ns = ns;
                     st->base_ts = ts;
                     st->ext = 0;
                  } else {
                     const auto step = static_cast<std::uint16_t>(seq - st->last_seq);
                     if (step == 0 || step > 0x8000) {
                        ++st->duplicates;
                        continue;
                     }
                     st->ext += step;
                     if (marker) ++st->markers;
                     const std::uint32_t dts = ts - st->last_ts;
                     if (step == 1 && dts != kSamplesPerPacket) {
                        ++st->ts_jumps;
                        if (dts > kSamplesPerPacket && dts % kSamplesPerPacket == 0) st->skipped += dts / kSamplesPerPacket - 1;
                     }
                  }
                  ++st->received;
                  st->last_seq = seq;
                  st->last_ts = ts;
                  const std::int64_t grid = static_cast<std::int64_t>(static_cast<std::int32_t>(ts - st->base_ts)) * kNsPerSample;
                  const auto offset = static_cast<float>(static_cast<double>(ns - st->base_ns - grid) / 1e6);
                  st->min_offset = std::min(st->min_offset, offset);
                  if (s.samples.size() < s.samples.capacity()) {
                     s.samples.push_back({static_cast<std::uint32_t>(st - s.streams.data()), offset});
                  }
               }
            }
         }
      }
   });
}

void RtpDrain::open_window(std::size_t packets) {
   state_->reserve = packets;
   state_->phase = 1;
}

void RtpDrain::close_window() {
   int expected = 2;
   if (!state_->phase.compare_exchange_strong(expected, 3)) state_->phase = 3;
}

DrainSummary RtpDrain::finish() {
   State &s = *state_;
   // Let the thread see the close (it polls every 20 ms), then stop it.
   for (int i = 0; i < 100 && s.phase.load() == 3; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
   s.stop = true;
   if (thread_.joinable()) thread_.join();
   DrainSummary out;
   out.foreign = s.foreign;
   const std::size_t n = seen_.load();
   for (std::size_t i = 0; i < n; ++i) {
      const Stream &st = s.streams[i];
      if (!st.in_window) {
         ++out.silent;
         continue;
      }
      ++out.streams;
      out.received += st.received;
      const auto expected = static_cast<std::uint64_t>(st.ext + 1);
      if (expected > st.received) out.lost += expected - st.received;
      out.duplicates += st.duplicates;
      out.ts_jumps += st.ts_jumps;
      out.skipped_slots += st.skipped;
      out.markers += st.markers;
   }
   std::vector<std::uint64_t> bins(kBins + 1, 0);
   std::uint64_t over = 0;
   for (const Sample &x : s.samples) {
      const double late = static_cast<double>(x.offset_ms) - static_cast<double>(s.streams[x.stream].min_offset);
      out.max_ms = std::max(out.max_ms, late);
      if (late > 2.0) ++over;
      ++bins[std::min(kBins, static_cast<std::size_t>(std::max(0.0, late) / kBinMs))];
   }
   const auto count = s.samples.size();
   const auto pct = [&](double p) {
      if (count == 0) return 0.0;
      const auto want = static_cast<std::uint64_t>(p / 100.0 * static_cast<double>(count));
      std::uint64_t seen = 0;
      for (std::size_t i = 0; i <= kBins; ++i) {
         seen += bins[i];
         if (seen > want) return static_cast<double>(i + 1) * kBinMs;  // the bin's upper edge
      }
      return out.max_ms;
   };
   out.p50_ms = pct(50);
   out.p99_ms = pct(99);
   out.p999_ms = pct(99.9);
   out.over_2ms = count == 0 ? 0 : static_cast<double>(over) / static_cast<double>(count);
   if (s.phase.load() == 4) {
      out.window_s = std::chrono::duration<double>(s.closed - s.opened).count();
      out.cpu_s = s.cpu_closed - s.cpu_opened;
   }
   return out;
}

}  // namespace portier::bench
