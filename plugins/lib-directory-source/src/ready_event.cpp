// SPDX-License-Identifier: GPL-3.0-or-later
#include "portier/directory_source/ready_event.h"

#include <algorithm>
#include <chrono>
#include <limits>
#include <thread>

#include <portier/event.h>

namespace portier::directory_source {
namespace {

// READY is retried while the engine queue is full: at most this many times, this far apart.
constexpr int kPostAttempts = 200;
constexpr auto kPostRetryDelay = std::chrono::milliseconds(10);

std::uint32_t clamp32(std::uint64_t n) {
   return static_cast<std::uint32_t>(std::min<std::uint64_t>(n, std::numeric_limits<std::uint32_t>::max()));
}

}  // namespace

portier_directory_event ready_event(std::uint64_t correlation, portier_status status, const std::string &message,
                                    std::uint64_t accepted, std::uint64_t rejected) {
   portier_directory_event ev{};
   ev.header = PORTIER_EVENT_HEADER_INIT(portier_directory_event, PORTIER_SPACE_DIRECTORY, PORTIER_DIRECTORY_EV_READY);
   ev.header.correlation = correlation;
   ev.status = status;
   if (status == PORTIER_OK) {
      ev.records = clamp32(accepted);
      ev.rejected = clamp32(rejected);
   }
   if (!portier_copy_str(ev.message, sizeof ev.message, message.c_str())) ev.header.flags |= PORTIER_EVENT_TRUNCATED;
   return ev;
}

void post_ready(const Host &host, const portier_directory_event &ready, std::stop_token stop) {
   const std::string import = "import " + std::to_string(ready.header.correlation);
   for (int attempt = 0; attempt < kPostAttempts && !stop.stop_requested(); ++attempt) {
      const auto posted = host.post(ready);
      if (posted.status() != PORTIER_ERR_BUSY) {
         if (!posted.ok()) host.error(import + ": READY not posted: " + posted.message());
         return;
      }
      std::this_thread::sleep_for(kPostRetryDelay);
   }
   host.error(import + ": READY not posted: the engine queue stayed full");
}

}  // namespace portier::directory_source
