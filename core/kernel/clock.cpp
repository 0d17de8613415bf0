// SPDX-License-Identifier: GPL-3.0-or-later
#include "kernel/clock.h"

#include <chrono>

namespace portier::kernel {

std::int64_t SteadyClock::now_us() const
{
   return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

}  // namespace portier::kernel
