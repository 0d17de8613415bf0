// SPDX-License-Identifier: GPL-3.0-or-later
// The PORTIER_DIRECTORY_EV_READY event that ends every import, and its posting from the import
// thread while the engine's queue is full.
#pragma once

#include <cstdint>
#include <stop_token>
#include <string>

#include <portier/host.hpp>
#include <portier/kind/directory.h>

namespace portier::directory_source {

// READY for the import `correlation`. The counts are set only when `status` is PORTIER_OK and are
// clamped to 2^32-1; a `message` longer than the event's field is cut and flagged
// PORTIER_EVENT_TRUNCATED. Pure. [any]
portier_directory_event ready_event(std::uint64_t correlation, portier_status status, const std::string &message,
                                    std::uint64_t accepted, std::uint64_t rejected);

// Posts `ready` through `host`, retrying while the queue is BUSY (200 times, 10 ms apart) and
// giving up at once when `stop` is requested. A refusal or a queue that stays full is logged as
// an error naming the import; nothing is returned because the engine has nobody else to tell.
// Blocks the calling thread for up to 2 s. [import thread]
void post_ready(const Host &host, const portier_directory_event &ready, std::stop_token stop);

}  // namespace portier::directory_source
