// SPDX-License-Identifier: GPL-3.0-or-later
#include "scheduler.h"

#include <algorithm>

namespace portier::media {

void LatenessHistogram::add(double ms) {
   const double clamped = std::max(ms, 0.0);
   const auto bin = static_cast<std::size_t>(clamped * 10.0);
   ++bins[std::min(bin, kBins)];
   ++count;
   max_ms = std::max(max_ms, clamped);
}

double LatenessHistogram::percentile(double p) const {
   if (count == 0) return 0;
   const auto want = static_cast<std::uint64_t>(p / 100.0 * static_cast<double>(count));
   std::uint64_t seen = 0;
   for (std::size_t i = 0; i <= kBins; ++i) {
      seen += bins[i];
      if (seen > want) return static_cast<double>(i + 1) / 10.0;  // upper edge of the bin
   }
   return max_ms;
}

Scheduler::Scheduler(boost::asio::io_context &io) : Scheduler(io, Options{}) {}

Scheduler::Scheduler(boost::asio::io_context &io, Options options)
    : timer_(io), options_(options), epoch_(Clock::now()), batch_(SendBatch::Options{options.io_uring, options.send_thread}) {
   const auto period = std::chrono::duration_cast<std::chrono::microseconds>(kPacketInterval);
   if (options_.tick.count() <= 0 || period.count() % options_.tick.count() != 0) options_.tick = std::chrono::microseconds(2000);
   if (options_.max_burst == 0) options_.max_burst = 1;
   bucket_count_ = static_cast<std::size_t>(period / options_.tick);
   buckets_.resize(bucket_count_);
}

Scheduler::~Scheduler() {
   *alive_ = false;
   timer_.cancel();
}

Scheduler::Clock::time_point Scheduler::tick_time(std::uint64_t index) const {
   return epoch_ + options_.tick * static_cast<std::int64_t>(index);
}

std::uint64_t Scheduler::tick_index_at(Clock::time_point t) const {
   if (t <= epoch_) return 0;
   return static_cast<std::uint64_t>((t - epoch_) / options_.tick);
}

Scheduler::Id Scheduler::add(Tick tick) {
   std::uint32_t index;
   if (!free_.empty()) {
      index = free_.back();
      free_.pop_back();
   } else {
      index = static_cast<std::uint32_t>(entries_.size());
      entries_.emplace_back();
   }
   // Start on the least loaded of the next period's ticks, so the load stays even.
   const std::uint64_t first = std::max(next_tick_, tick_index_at(Clock::now()) + 1);
   std::uint64_t best = first;
   for (std::uint64_t k = first; k < first + bucket_count_; ++k)
      if (buckets_[k % bucket_count_].size() < buckets_[best % bucket_count_].size()) best = k;
   Entry &e = entries_[index];
   e.tick = std::move(tick);
   e.due = tick_time(best);
   e.bucket = static_cast<std::uint32_t>(best % bucket_count_);
   e.position = static_cast<std::uint32_t>(buckets_[e.bucket].size());
   e.skipped = 0;
   e.live = true;
   ++e.generation;
   buckets_[e.bucket].push_back(index);
   ++live_;
   arm();
   return (static_cast<Id>(e.generation) << 32) | index;
}

void Scheduler::remove(Id id) {
   const auto index = static_cast<std::uint32_t>(id & 0xFFFFFFFFu);
   if (index >= entries_.size()) return;
   Entry &e = entries_[index];
   if (!e.live || e.generation != static_cast<std::uint32_t>(id >> 32)) return;
   auto &bucket = buckets_[e.bucket];
   const std::uint32_t moved = bucket.back();
   bucket[e.position] = moved;
   entries_[moved].position = e.position;
   bucket.pop_back();
   e.live = false;
   e.tick = nullptr;
   free_.push_back(index);
   --live_;
}

void Scheduler::arm() {
   if (armed_ || live_ == 0) return;
   armed_ = true;
   timer_.expires_at(tick_time(next_tick_));
   std::weak_ptr<bool> alive = alive_;
   timer_.async_wait([this, alive](const boost::system::error_code &ec) {
      const auto still = alive.lock();
      if (!still || !*still || ec) return;
      armed_ = false;
      on_timer();
   });
}

void Scheduler::on_timer() {
   const auto now_index = tick_index_at(Clock::now());
   // Run every tick that has come, but never more than one period's worth: after a long stall
   // each bucket runs once and its streams skip the slots they missed.
   std::size_t runs = 0;
   while (next_tick_ <= now_index && runs < bucket_count_) {
      run_bucket(next_tick_ % bucket_count_, Clock::now());
      batch_.flush();
      ++next_tick_;
      ++runs;
   }
   if (next_tick_ <= now_index) next_tick_ = now_index + 1;
   arm();
}

void Scheduler::run_bucket(std::size_t bucket, Clock::time_point now) {
   // A callback may add or remove streams, so walk a copy of the ids.
   scratch_.clear();
   for (std::uint32_t index : buckets_[bucket]) scratch_.push_back((static_cast<Id>(entries_[index].generation) << 32) | index);
   for (const Id id : scratch_) {
      const auto index = static_cast<std::uint32_t>(id & 0xFFFFFFFFu);
      for (unsigned sent = 0; sent < options_.max_burst; ++sent) {
         Entry &e = entries_[index];  // re-read: a callback may grow entries_
         if (!e.live || e.generation != static_cast<std::uint32_t>(id >> 32) || e.due > now) break;
         if (options_.measure) {
            const auto late = Clock::now() - e.due;
            lateness_.add(std::chrono::duration<double, std::milli>(late).count());
         }
         const std::uint32_t slots = 1 + e.skipped;
         e.skipped = 0;
         e.due += kPacketInterval;
         Tick tick = e.tick;  // the callback may remove itself
         tick(slots);
      }
      Entry &e = entries_[index];
      if (e.live && e.generation == static_cast<std::uint32_t>(id >> 32) && e.due <= now) {
         const auto behind = static_cast<std::uint32_t>((now - e.due) / kPacketInterval) + 1;
         e.due += kPacketInterval * behind;
         e.skipped += behind;
      }
   }
}

}  // namespace portier::media
