// SPDX-License-Identifier: GPL-3.0-or-later
#include "rate_window.h"

#include <algorithm>

namespace portier::office {

RateWindow::RateWindow(int capacity, std::int64_t window_us, bool smoothed) noexcept
    : capacity_(std::max(1, capacity)), window_us_(window_us), gap_us_(smoothed ? window_us / capacity_ : 0) {}

std::int64_t RateWindow::next_allowed_us(std::int64_t now_us) const noexcept {
   std::int64_t at = std::max(now_us, blocked_until_us_);
   if (!sent_.empty()) at = std::max(at, sent_.back() + gap_us_);
   if (static_cast<int>(sent_.size()) >= capacity_) at = std::max(at, sent_.front() + window_us_);
   return at;
}

void RateWindow::sent(std::int64_t now_us) {
   sent_.push_back(now_us);
   while (static_cast<int>(sent_.size()) > capacity_) sent_.pop_front();
}

void RateWindow::block_until(std::int64_t until_us) noexcept { blocked_until_us_ = std::max(blocked_until_us_, until_us); }

}  // namespace portier::office
