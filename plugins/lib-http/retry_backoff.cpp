// SPDX-License-Identifier: GPL-3.0-or-later
#include "retry_backoff.h"

#include <algorithm>

namespace portier::http {

RetryBackoff::RetryBackoff(int min_seconds, int max_seconds) noexcept
    : min_us_(std::int64_t{min_seconds} * 1'000'000), max_us_(std::int64_t{std::max(min_seconds, max_seconds)} * 1'000'000) {}

std::int64_t RetryBackoff::next_delay_us() noexcept {
   const int shift = std::min(failures_, 30);
   ++failures_;
   return std::min(max_us_, min_us_ << shift);
}

}  // namespace portier::http
