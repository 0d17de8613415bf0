// SPDX-License-Identifier: GPL-3.0-or-later
// Load shedding for new calls. The signal is the age of a request when the call layer sees it:
// the kernel stamps every datagram on arrival (SO_TIMESTAMPNS, sip::Source::received_ns), so
// the age is the time it sat in the socket buffer plus the time the I/O thread's queue held
// it. That is exactly "the I/O thread is behind", whatever the cause (CPU, a slow host call, a
// burst), and it rises before the socket buffer overflows and drops ACKs and BYEs, which is
// what makes a SIP server collapse (retransmissions multiply the load). Only a new INVITE is
// refused: 503 with Retry-After, before any parsing of SDP, channel, RTP port or engine event.
// ACK, BYE, CANCEL, requests inside dialogs and retransmissions (absorbed by the transaction
// layer) always go on, so the calls already admitted complete.
#pragma once

#include <cstdint>
#include <string>

#include "message.h"
#include "transport.h"

namespace portier::trunk {

struct Core;
struct OverloadSettings;

// Refusals so far and when they were last logged: one warning per episode and a count, not one
// line per refused call, since logging every 503 would add work exactly when the thread is behind.
struct ShedLog {
   std::uint64_t refused = 0;
   std::int64_t last_report_ns = 0;
};

// Counts one refusal at `now_ns`; true when the warning is due (at most one a second).
bool count_refusal(ShedLog &log, std::int64_t now_ns);

// Milliseconds between the kernel's receive stamp and `now_ns` (CLOCK_REALTIME); 0 when the
// request carries no stamp (streams) or the clock stepped back.
std::int64_t request_age_ms(const sip::Source &source, std::int64_t now_ns);

// True when a request of `age_ms` is a new INVITE to refuse under `settings`.
bool should_shed(const sip::Message &request, std::int64_t age_ms, const OverloadSettings &settings);

// The whole hook for incoming.cpp: answers a new INVITE 503 + Retry-After when the I/O thread
// is behind and returns true (the request is done); false for everything else.
bool shed_when_behind(Core &core, const std::string &key, const sip::Message &request, const sip::Source &source);

// The transaction table's bound for service.cpp (settings.overload.max_transactions).
std::size_t transaction_table_size(const Core &core);

}  // namespace portier::trunk
