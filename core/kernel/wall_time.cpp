// SPDX-License-Identifier: GPL-3.0-or-later
#include "kernel/wall_time.h"

#include <chrono>
#include <cstdio>
#include <ctime>

namespace portier::kernel {
namespace {

std::string format(bool with_millis)
{
   const auto now = std::chrono::system_clock::now();
   const std::time_t secs = std::chrono::system_clock::to_time_t(now);
   std::tm tm{};
   gmtime_r(&secs, &tm);
   char buf[40];
   const std::size_t n = std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
   if (with_millis) {
      const auto millis =
         std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
      std::snprintf(buf + n, sizeof buf - n, ".%03dZ", static_cast<int>(millis));
   } else {
      std::snprintf(buf + n, sizeof buf - n, "Z");
   }
   return buf;
}

}  // namespace

std::string utc_now_iso()
{
   return format(false);
}

std::string utc_now_iso_ms()
{
   return format(true);
}

}  // namespace portier::kernel
