// SPDX-License-Identifier: GPL-3.0-or-later
#include "retry_backoff.h"

#include <algorithm>
#include <cmath>

namespace portier::http {

std::int64_t retry_after_wait_us(double retry_after_s, std::int64_t slack_us) noexcept {
   return static_cast<std::int64_t>(std::ceil(retry_after_s * 1e6)) + slack_us;
}

RetryBackoff::RetryBackoff(int min_seconds, int max_seconds) noexcept
    : min_us_(std::int64_t{min_seconds} * 1'000'000), max_us_(std::int64_t{std::max(min_seconds, max_seconds)} * 1'000'000) {}

std::int64_t RetryBackoff::next_delay_us() noexcept {
   const int shift = std::min(failures_, 30);
   ++failures_;
   return std::min(max_us_, min_us_ << shift);
}

std::int64_t RetryBackoff::next_delay_us(std::optional<double> retry_after_s, std::int64_t slack_us) noexcept {
   return retry_after_s ? retry_after_wait_us(*retry_after_s, slack_us) : next_delay_us();
}

}  // namespace portier::http
