// SPDX-License-Identifier: GPL-3.0-or-later
// A TCP connection opened by us rather than by libssh, so that the socket exists (and can be
// shut down by FetchCancel) from the first byte on, and connecting honours the fetch's deadline.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include <portier/result.hpp>

namespace portier::osv {

class FetchCancel;

// A connected, blocking socket to host:port (every address the name resolves to is tried in
// turn until `deadline`). Errors: PORTIER_ERR_UNAVAILABLE, PORTIER_ERR_TIMEOUT, PORTIER_ERR_STATE
// when cancelled. The caller owns the descriptor. [worker]
Result<int> tcp_connect(const std::string &host, std::int64_t port, std::chrono::steady_clock::time_point deadline,
                        const FetchCancel &cancel);

}  // namespace portier::osv
