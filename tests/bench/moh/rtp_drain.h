// SPDX-License-Identifier: GPL-3.0-or-later
// The draining receivers of the benchmark: `ports` UDP sockets on 127.0.0.1 read with recvmmsg
// by one thread, each packet stamped by the kernel (SO_TIMESTAMPNS) as it is queued, so the
// figures do not include the receiver's own wake-up delay. Streams are told apart by SSRC.
// Outside the window the drain only counts streams; inside it checks every packet: sequence
// and timestamp continuity, and its offset from the stream's 20 ms grid (arrival minus
// timestamp time). Lateness is that offset minus the stream's smallest one, so a stream whose
// packets all keep their phase is on time whatever that phase is.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace portier::bench {

struct DrainSummary {
   std::uint64_t streams = 0;         // streams with packets in the window
   std::uint64_t silent = 0;          // streams seen before the window but not in it
   std::uint64_t received = 0;        // packets in the window
   std::uint64_t lost = 0;            // sequence gaps never filled
   std::uint64_t duplicates = 0;      // repeated or out-of-order sequence numbers
   std::uint64_t ts_jumps = 0;        // next sequence, but the timestamp moved by other than 160
   std::uint64_t skipped_slots = 0;   // 20 ms slots a timestamp jump passed over
   std::uint64_t markers = 0;         // marker bits after a stream's first packet
   std::uint64_t foreign = 0;         // not RTP, or streams beyond the table
   double p50_ms = 0, p99_ms = 0, p999_ms = 0, max_ms = 0;  // lateness against the stream's grid
   double over_2ms = 0;               // fraction of packets more than 2 ms late
   double window_s = 0;
   double cpu_s = 0;                  // the drain thread's CPU over the window
};

class RtpDrain {
public:
   // Binds `ports` consecutive ports from `base` (0: ports the kernel picks) on 127.0.0.1;
   // `max_streams` sizes the SSRC table. Empty `error()` on success.
   RtpDrain(std::uint16_t base, int ports, std::size_t max_streams);
   ~RtpDrain();
   RtpDrain(const RtpDrain &) = delete;
   RtpDrain &operator=(const RtpDrain &) = delete;

   const std::string &error() const { return error_; }
   const std::vector<std::uint16_t> &ports() const { return ports_; }
   pid_t thread_id() const { return tid_.load(); }

   // Starts the thread on `cpu` (-1: anywhere); it stops by itself after `limit_s`.
   void start(int cpu, double limit_s);
   std::size_t streams_seen() const { return seen_.load(); }
   // Opens the measuring window, sized for `packets` packets; close_window ends it.
   void open_window(std::size_t packets);
   void close_window();
   // Stops the thread and computes the figures of the window.
   DrainSummary finish();

   struct State;

private:
   std::string error_;
   std::vector<int> fds_;
   std::vector<std::uint16_t> ports_;
   std::unique_ptr<State> state_;
   std::thread thread_;
   std::atomic<std::size_t> seen_{0};
   std::atomic<pid_t> tid_{0};
};

}  // namespace portier::bench
