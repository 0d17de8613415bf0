// SPDX-License-Identifier: GPL-3.0-or-later
// Paces thousands of 20 ms media streams from one steady_timer on the caller's io_context (one
// thread). Each stream lives on its own 20 ms grid, aligned to a timer tick and spread over the
// ticks of a period so that every tick sends about the same number of packets. The grid is
// absolute (due += 20 ms), so a stream never drifts; a stream that fell behind sends at most
// max_burst packets at once and then skips whole slots, telling its callback how many slots
// passed so timestamps stay true to the clock.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include "send_batch.h"

namespace portier::media {

inline constexpr std::chrono::milliseconds kPacketInterval{20};

// Lateness of each callback against its slot, in 0.1 ms bins up to 100 ms.
struct LatenessHistogram {
   static constexpr std::size_t kBins = 1000;
   std::vector<std::uint64_t> bins = std::vector<std::uint64_t>(kBins + 1, 0);
   std::uint64_t count = 0;
   double max_ms = 0;
   void add(double ms);
   double percentile(double p) const;  // in ms, bin resolution
};

class Scheduler {
public:
   using Clock = std::chrono::steady_clock;
   using Id = std::uint64_t;
   // Called once per due slot; `slots` is 1, or more when slots were skipped since the last call.
   using Tick = std::function<void(std::uint32_t slots)>;

   struct Options {
      std::chrono::microseconds tick{2000};  // must divide 20 ms
      unsigned max_burst = 3;                // packets one stream may send in one tick to catch up
      bool measure = false;                  // fill lateness()
      bool io_uring = true;                  // batch() may use io_uring (false: sendto each)
      bool send_thread = false;              // batch() sends on a thread of its own
   };

   explicit Scheduler(boost::asio::io_context &io);
   Scheduler(boost::asio::io_context &io, Options options);
   ~Scheduler();
   Scheduler(const Scheduler &) = delete;
   Scheduler &operator=(const Scheduler &) = delete;

   // The first call comes within 20 ms. Callbacks may add and remove streams, themselves too.
   Id add(Tick tick);
   void remove(Id id);
   std::size_t size() const { return live_; }
   const LatenessHistogram &lateness() const { return lateness_; }
   // Packets that callbacks add here leave together after their tick's callbacks have run.
   SendBatch &batch() { return batch_; }

private:
   struct Entry {
      Tick tick;
      Clock::time_point due;
      std::uint32_t generation = 0;
      std::uint32_t bucket = 0;
      std::uint32_t position = 0;  // index in its bucket
      std::uint32_t skipped = 0;
      bool live = false;
   };

   void arm();
   void on_timer();
   void run_bucket(std::size_t bucket, Clock::time_point now);
   Clock::time_point tick_time(std::uint64_t index) const;
   std::uint64_t tick_index_at(Clock::time_point t) const;

   boost::asio::steady_timer timer_;
   Options options_;
   std::size_t bucket_count_;
   Clock::time_point epoch_;
   std::uint64_t next_tick_ = 1;  // index of the next tick to run
   bool armed_ = false;
   std::vector<Entry> entries_;
   std::vector<std::uint32_t> free_;
   std::vector<std::vector<std::uint32_t>> buckets_;
   std::vector<Id> scratch_;
   std::size_t live_ = 0;
   LatenessHistogram lateness_;
   SendBatch batch_;
   std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace portier::media
