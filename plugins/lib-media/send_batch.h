// SPDX-License-Identifier: GPL-3.0-or-later
// Gathers the RTP packets that one scheduler tick produces and hands them to the kernel together:
// one io_uring submission for up to kRingEntries packets on any number of sockets, instead of one
// sendto system call each. On loopback and in virtual machines the system call itself is much of
// a packet's cost. Where io_uring is not available (an old kernel, kernel.io_uring_disabled, a
// seccomp profile that refuses it) the same packets go out with one sendto each.
//
// With `own_thread`, flush() only hands the tick's packets to a sender thread of the batch's own,
// so the kernel's share of sending (most of it) runs beside the thread that paces the streams
// and may use another core. Otherwise flush() sends before it returns.
//
// add() and flush() belong to one thread, the one that owns the sockets. Targets are read by the
// sender thread, which is why their flags and counters are atomic.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/ip/udp.hpp>

namespace portier::media {

class SendBatch {
public:
   static constexpr unsigned kRingEntries = 256;
   // Ticks the sender thread may fall behind before the oldest waiting tick is dropped (RTP
   // that late is useless; memory stays bounded).
   static constexpr std::size_t kMaxWaitingTicks = 50;

   struct Options {
      bool io_uring = true;     // false: always sendto (tests use it to check both paths)
      bool own_thread = false;  // send on a thread of the batch's own
   };

   // Where a packet goes and whom to tell. `keep` owns the memory that `closed`, `sent` and
   // `errors` point into and holds it until the packet has been sent; a target whose `*closed`
   // is true by then is skipped. The socket `fd` must stay open until then too (a PortRange
   // keeps its sockets open while the range lives).
   struct Target {
      std::shared_ptr<const void> keep;
      int fd = -1;
      const std::atomic<bool> *closed = nullptr;
      std::atomic<std::uint64_t> *sent = nullptr;
      std::atomic<std::uint64_t> *errors = nullptr;
   };

   SendBatch();
   explicit SendBatch(Options options);
   ~SendBatch();  // sends what was handed over, then stops the sender thread
   SendBatch(const SendBatch &) = delete;
   SendBatch &operator=(const SendBatch &) = delete;

   // Copies `bytes` (at most 1,500) for sending at the next flush(); larger packets count as errors.
   void add(Target target, const boost::asio::ip::udp::endpoint &to, std::span<const std::uint8_t> bytes);
   // Sends everything added, in order, never blocking on a socket: one without room drops the
   // packet and its target counts an error, as RTP over UDP would.
   void flush();
   // Blocks until the sender thread has sent all it was handed (bounded by `limit`); true if so.
   bool wait_sent(std::chrono::milliseconds limit = std::chrono::seconds(5));

   std::size_t pending() const { return job_.items.size(); }
   bool uses_io_uring() const;
   bool uses_own_thread() const { return thread_.joinable(); }
   // Why io_uring is not used ("" when it is, or when it was not asked for).
   std::string fallback_reason() const;

private:
   struct Item {
      Target target;
      boost::asio::ip::udp::endpoint to;
      std::uint32_t offset = 0;
      std::uint16_t size = 0;
      bool in_ring = false;   // handed to the ring
      bool answered = false;  // its result came back
   };
   struct Job {
      std::vector<Item> items;
      std::vector<std::uint8_t> bytes;
   };
   struct Ring;

   void send(Job &job);
   void send_one_by_one(Job &job, std::size_t from, std::size_t to);
   void send_through_ring(Job &job, std::size_t from, std::size_t to);
   void run();
   static void count(const Target &target, bool ok);

   std::unique_ptr<Ring> ring_;  // used by whichever thread sends
   std::atomic<bool> ring_ok_{false};
   mutable std::mutex reason_mutex_;
   std::string fallback_reason_;
   Job job_;  // being filled by add()

   std::mutex mutex_;
   std::condition_variable wake_;
   std::condition_variable idle_;
   std::deque<Job> waiting_;
   bool busy_ = false;
   bool stop_ = false;
   std::thread thread_;
};

}  // namespace portier::media
