// SPDX-License-Identifier: GPL-3.0-or-later
// The trunk's channels (manual 6.3.1.3): two are always kept for operational handling (moving
// calls to and from the processing queue, second legs); the rest is split by the channel ratio r:
//
//   processing  = floor((channels - 2) * r / (1 + r))
//   operational = channels - processing          (= (channels - 2) / (1 + r) + 2, rounded up)
//
// Rounding the processing share down keeps the two reserved channels and makes both add up to
// the trunk's channels: 10 channels, r = 3 -> 6 processing, 4 operational (the manual's example).
// Incoming calls to pilot numbers, personal lines and callback numbers take processing channels;
// request and loop calls and the legs the trunk places take operational ones. At 90 % of the
// processing channels the attendants get an alert. At 100 % a new call is still admitted while
// any channel is free, so that the engine applies the DDI entry's overload rule (busy, or a
// redirect); only a trunk with no channel left at all refuses a call itself (486).
#pragma once

#include <cstdint>
#include <string>

#include <portier/result.hpp>

#include "numbers.h"

namespace portier::trunk {

struct ChannelPlan {
   std::int64_t total = 0;
   std::int64_t processing = 0;
   std::int64_t operational = 0;
   bool operator==(const ChannelPlan &) const = default;
};

// Refuses a split that leaves no processing channel (e.g. 3 channels with ratio 1).
Result<ChannelPlan> plan_channels(std::int64_t channels, std::int64_t ratio);

// The processing channels in use at which the alert is raised: 90 %, rounded up (6 of 6, 80 of 88).
std::int64_t alert_threshold(const ChannelPlan &plan);

enum class ChannelKind { processing, operational };

// Request and loop calls are operational handling; every other incoming call is processing.
ChannelKind channel_kind_for(NumberKind kind);

// What to do with a new incoming call.
struct Admission {
   bool admitted = false;
   ChannelKind kind = ChannelKind::processing;  // the channel it took (when admitted)
   bool alert = false;        // this call brought the processing channels to the 90 % mark
   bool over_share = false;   // admitted with every processing channel taken: the engine decides
   int sip_status = 0;        // when refused: 486 (no channel at all, or no operational one)
};

// What the CHANNELS event and `portier status` show.
struct ChannelCounters {
   std::int64_t processing_in_use = 0;  // may pass plan.processing while the engine decides
   std::int64_t operational_in_use = 0;
   std::int64_t in_use = 0;  // both
   ChannelPlan plan;
   bool alert = false;       // at or above the 90 % mark now
};

// Channel use of one trunk. Counts only: the call layer says when a call takes and frees its
// channel. A class because it guards the invariant that counts never go below zero and that the
// alert fires once per crossing. [one thread: the plugin's]
class Channels {
public:
   explicit Channels(ChannelPlan plan) : plan_(plan) {}

   // A new incoming call for a number of `kind`. A refused call takes no channel.
   Admission admit_incoming(NumberKind kind);
   // A leg the trunk places (transfer target, second leg): false when no operational channel is
   // free.
   bool take_operational();
   // The call that took a channel of `kind` ended. Extra releases are ignored.
   void release(ChannelKind kind);
   // A reconfigured trunk: the calls held keep their channels even when the new plan is smaller;
   // new calls are judged against it.
   void replan(ChannelPlan plan);

   ChannelCounters counters() const;

private:
   bool any_free() const { return processing_ + operational_ < plan_.total; }
   void update_alert();

   ChannelPlan plan_;
   std::int64_t processing_ = 0;
   std::int64_t operational_ = 0;
   bool alert_ = false;
};

}  // namespace portier::trunk
