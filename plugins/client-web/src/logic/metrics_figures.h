// SPDX-License-Identifier: GPL-3.0-or-later
// The figures of /metrics (docs/client-web.md "Metrics"): what the plugin counts from the engine
// messages it receives (events by type, the last channel_alert, consoles closed for being slow),
// and, at each scrape, the families made from those counts plus the core's snapshot and
// plugin_status answers. Owned by the I/O thread; no sockets, no clock.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "metrics_text.h"

namespace portier::web {

inline constexpr std::size_t kMaxEventTypes = 64;  // distinct label values; the rest count as "other"

// The trunk's channels as the last channel_alert gave them.
struct ChannelFigures {
   std::int64_t in_use = 0;
   std::int64_t total = 0;
   std::int64_t processing = 0;
};

class MetricsCounters {
public:
   // A message the plugin received from the core: an event (request id 0) is counted by its
   // "event" name; a channel_alert's figures are kept. Answers are not counted.
   void observe(std::uint64_t request_id, std::string_view text);
   // A console was closed because it did not read its messages fast enough.
   void console_dropped() { ++ws_dropped_; }

   const std::map<std::string, std::uint64_t, std::less<>> &events() const { return events_; }
   const std::optional<ChannelFigures> &channels() const { return channels_; }
   std::uint64_t ws_dropped() const { return ws_dropped_; }

private:
   std::map<std::string, std::uint64_t, std::less<>> events_;
   std::optional<ChannelFigures> channels_;
   std::uint64_t ws_dropped_ = 0;
};

struct MetricsInput {
   std::string_view snapshot_answer;  // the core's answer to {"type":"snapshot"}; "" when none came
   std::string_view status_answer;    // the core's answer to {"type":"plugin_status"}; "" when none came
   std::size_t consoles = 0;          // WebSocket consoles connected now
   std::int64_t start_time_seconds = 0;  // the process's start, seconds since the Unix epoch
};

// The families in the order /metrics shows them. Series that need an answer that did not come
// (or was a refusal) are left out; their HELP and TYPE stay.
std::vector<MetricFamily> metrics_families(const MetricsCounters &counters, const MetricsInput &in);

}  // namespace portier::web
