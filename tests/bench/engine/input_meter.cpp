// SPDX-License-Identifier: GPL-3.0-or-later
#include "input_meter.h"

#include <algorithm>
#include <limits>

namespace portier::bench {

InputMeter::InputMeter(std::size_t max_samples) : max_samples_(max_samples) { samples_ns_.reserve(max_samples); }

void InputMeter::record(std::chrono::steady_clock::duration took) {
   const auto ns = static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(took).count());
   ++inputs_;
   busy_ns_ += ns;
   max_ns_ = std::max(max_ns_, ns);
   if (samples_ns_.size() < max_samples_) {
      samples_ns_.push_back(static_cast<std::uint32_t>(std::min<std::uint64_t>(ns, std::numeric_limits<std::uint32_t>::max())));
   }
}

void InputMeter::reset() {
   samples_ns_.clear();
   inputs_ = 0;
   busy_ns_ = 0;
   max_ns_ = 0;
}

LatencySummary InputMeter::summary() const {
   LatencySummary out;
   out.inputs = inputs_;
   out.busy_seconds = static_cast<double>(busy_ns_) / 1e9;
   out.max_us = static_cast<double>(max_ns_) / 1e3;
   if (samples_ns_.empty()) return out;
   std::vector<std::uint32_t> sorted = samples_ns_;
   std::sort(sorted.begin(), sorted.end());
   const auto at = [&](double q) {
      const auto index = static_cast<std::size_t>(q * static_cast<double>(sorted.size() - 1));
      return static_cast<double>(sorted[index]) / 1e3;
   };
   out.p50_us = at(0.50);
   out.p99_us = at(0.99);
   return out;
}

}  // namespace portier::bench
