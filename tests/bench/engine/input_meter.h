// SPDX-License-Identifier: GPL-3.0-or-later
// Counts and times engine inputs ("decisions"): each call of an Engine input method and each
// engine timer that fires is one. Samples are kept up to a bound; the count goes on beyond it.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace portier::bench {

struct LatencySummary {
   std::uint64_t inputs = 0;
   double busy_seconds = 0;  // time spent inside the engine for these inputs
   double p50_us = 0;
   double p99_us = 0;
   double max_us = 0;
};

class InputMeter {
  public:
   explicit InputMeter(std::size_t max_samples);

   template <typename Fn>
   decltype(auto) time(Fn &&fn) {
      const auto start = std::chrono::steady_clock::now();
      struct Stop {
         InputMeter &meter;
         std::chrono::steady_clock::time_point start;
         ~Stop() { meter.record(std::chrono::steady_clock::now() - start); }
      } stop{*this, start};
      return fn();
   }

   void reset();
   LatencySummary summary() const;  // sorts a copy of the samples

  private:
   void record(std::chrono::steady_clock::duration took);

   std::size_t max_samples_;
   std::vector<std::uint32_t> samples_ns_;
   std::uint64_t inputs_ = 0;
   std::uint64_t busy_ns_ = 0;
   std::uint64_t max_ns_ = 0;
};

}  // namespace portier::bench
