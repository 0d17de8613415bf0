// SPDX-License-Identifier: GPL-3.0-or-later
#include "reconnect_backoff.h"

namespace portier::uc {

ReconnectBackoff::ReconnectBackoff(int min_seconds, int max_seconds) noexcept
    : min_us_(static_cast<std::int64_t>(min_seconds) * 1'000'000),
      max_us_(static_cast<std::int64_t>(max_seconds) * 1'000'000),
      next_us_(min_us_) {}

std::int64_t ReconnectBackoff::next_delay_us() noexcept {
   const std::int64_t delay = next_us_;
   next_us_ = next_us_ >= max_us_ / 2 ? max_us_ : next_us_ * 2;
   return delay;
}

void ReconnectBackoff::reset() noexcept { next_us_ = min_us_; }

}  // namespace portier::uc
