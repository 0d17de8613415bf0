// SPDX-License-Identifier: GPL-3.0-or-later
#include "channels.h"

namespace portier::trunk {

namespace {
constexpr std::int64_t kReservedOperational = 2;  // the manual's fixed reserve
constexpr int kBusy = 486;
}  // namespace

Result<ChannelPlan> plan_channels(std::int64_t channels, std::int64_t ratio) {
   if (ratio < 1) return error(PORTIER_ERR_INVALID, "the channel ratio must be at least 1");
   if (channels <= kReservedOperational) {
      return error(PORTIER_ERR_INVALID,
                   std::to_string(channels) + " channels leave none beside the 2 reserved for operational handling");
   }
   const std::int64_t processing = (channels - kReservedOperational) * ratio / (1 + ratio);
   if (processing < 1) {
      return error(PORTIER_ERR_INVALID, std::to_string(channels) + " channels with ratio " + std::to_string(ratio) +
                                            " leave no processing channel");
   }
   return ChannelPlan{channels, processing, channels - processing};
}

std::int64_t alert_threshold(const ChannelPlan &plan) { return (plan.processing * 9 + 9) / 10; }

ChannelKind channel_kind_for(NumberKind kind) {
   return kind == NumberKind::request || kind == NumberKind::loop ? ChannelKind::operational : ChannelKind::processing;
}

Admission Channels::admit_incoming(NumberKind kind) {
   Admission a;
   a.kind = channel_kind_for(kind);
   if (a.kind == ChannelKind::operational) {
      // the overload rule is for processing channels only (manual 6.3.1.3); a full operational
      // share is simply busy
      a.admitted = take_operational();
      if (!a.admitted) a.sip_status = kBusy;
      return a;
   }
   if (!any_free()) {
      a.sip_status = kBusy;  // nothing to carry the call on, not even for the engine's decision
      return a;
   }
   // Over the processing share the call is still offered: the engine refuses or redirects it at
   // once by its DDI entry's overload rule, and the channel is free again.
   a.over_share = processing_ >= plan_.processing;
   ++processing_;
   a.admitted = true;
   const bool was_alert = alert_;
   update_alert();
   a.alert = alert_ && !was_alert;
   return a;
}

bool Channels::take_operational() {
   if (operational_ >= plan_.operational || !any_free()) return false;
   ++operational_;
   return true;
}

void Channels::release(ChannelKind kind) {
   std::int64_t &count = kind == ChannelKind::processing ? processing_ : operational_;
   if (count > 0) --count;
   update_alert();
}

void Channels::replan(ChannelPlan plan) {
   plan_ = plan;
   update_alert();
}

void Channels::update_alert() {
   // admit_incoming raises the alert on the call that reaches the mark; once use falls below it,
   // reaching it again is a new alert
   alert_ = processing_ >= alert_threshold(plan_);
}

ChannelCounters Channels::counters() const {
   return ChannelCounters{processing_, operational_, processing_ + operational_, plan_, alert_};
}

}  // namespace portier::trunk
