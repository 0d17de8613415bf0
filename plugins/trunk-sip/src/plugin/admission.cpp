// SPDX-License-Identifier: GPL-3.0-or-later
#include "admission.h"

#include <time.h>

#include "core.h"
#include "message_build.h"

namespace portier::trunk {
namespace {

std::int64_t realtime_ns() {
   timespec ts{};
   ::clock_gettime(CLOCK_REALTIME, &ts);  // the clock SO_TIMESTAMPNS stamps with
   return static_cast<std::int64_t>(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

constexpr std::int64_t kReportEveryNs = 1'000'000'000;

}  // namespace

bool count_refusal(ShedLog &log, std::int64_t now_ns) {
   ++log.refused;
   if (now_ns - log.last_report_ns < kReportEveryNs) return false;
   log.last_report_ns = now_ns;
   return true;
}

std::int64_t request_age_ms(const sip::Source &source, std::int64_t now_ns) {
   if (source.received_ns <= 0 || now_ns <= source.received_ns) return 0;
   return (now_ns - source.received_ns) / 1'000'000;
}

bool should_shed(const sip::Message &request, std::int64_t age_ms, const OverloadSettings &settings) {
   if (age_ms <= settings.max_delay_ms) return false;
   return request.method() == "INVITE" && request.to_tag().empty();
}

bool shed_when_behind(Core &core, const std::string &key, const sip::Message &request, const sip::Source &source) {
   if (source.received_ns == 0) return false;
   const std::int64_t now = realtime_ns();
   const std::int64_t age = request_age_ms(source, now);
   if (!should_shed(request, age, core.settings.overload)) return false;
   sip::Message busy = sip::build_response(request, 503, sip::new_tag());
   busy.add_header("Retry-After", std::to_string(core.settings.overload.retry_after_s));
   core.layer->respond(key, std::move(busy));
   if (count_refusal(core.shed_log, now)) {
      core.host.warn("trunk.sip: overload: new calls refused with 503 (a request waited " + std::to_string(age) +
                     " ms, limit " + std::to_string(core.settings.overload.max_delay_ms) + " ms; " +
                     std::to_string(core.shed_log.refused) + " refused so far)");
   }
   return true;
}

std::size_t transaction_table_size(const Core &core) {
   return static_cast<std::size_t>(core.settings.overload.max_transactions);
}

}  // namespace portier::trunk
