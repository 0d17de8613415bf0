// SPDX-License-Identifier: GPL-3.0-or-later
#include "script/script_runner.h"

#include <string>

#ifdef PORTIER_PBXSIM_SIP
#include "sip/sip_side.h"
#endif

#if __has_include("server/faults.h")
#include "server/faults.h"
#define PORTIER_PBXSIM_HAS_FAULTS 1
#endif

namespace portier::pbxsim {

ScriptRunner::ScriptRunner(boost::asio::io_context &io, Office &office, CstaServer &server, std::vector<Step> steps,
                           SimLog log, std::function<void()> done)
    : io_(io), office_(office), server_(server), steps_(std::move(steps)), log_(std::move(log)),
      done_(std::move(done)), timer_(io) {}

ScriptRunner::~ScriptRunner() {
   *alive_ = false;
   timer_.cancel();
}

void ScriptRunner::start() {
   boost::asio::post(io_, [this, alive = alive_] {
      if (*alive) run_steps();
   });
}

void ScriptRunner::run_steps() {
   while (next_ < steps_.size()) {
      const Step &step = steps_[next_++];
      if (step.kind == StepKind::wait) {
         timer_.expires_after(std::chrono::milliseconds(step.ms));
         timer_.async_wait([this, alive = alive_](const boost::system::error_code &ec) {
            if (!ec && *alive) run_steps();
         });
         return;
      }
      run_one(step);
   }
   log_(SimLogLevel::info, "script finished: " + std::to_string(steps_.size()) + " steps, " +
                               std::to_string(failures_) + " failed");
   if (done_) done_();
}

// True when the SIP side takes the step (a call to a CPS number, or hangup/hold/retrieve of a
// caller it has a call of); `error` then says how it went.
bool ScriptRunner::sip_step(const Step &step, std::string &error) {
#ifdef PORTIER_PBXSIM_SIP
   if (!sip_) return false;
   switch (step.kind) {
   case StepKind::call:
      // An office phone's call goes to the office, which routes it over the trunk itself.
      if (!sip_->is_cps_number(step.target) || office_.snapshot_device(step.party).ok()) return false;
      error = sip_->place_call({step.party, step.target, step.hold_after_ms, step.hang_up_after_ms});
      return true;
   case StepKind::hangup: return sip_->hang_up(step.party);
   case StepKind::hold: return sip_->hold(step.party, true);
   case StepKind::retrieve: return sip_->hold(step.party, false);
   default: return false;
   }
#else
   (void)step;
   (void)error;
   return false;
#endif
}

void ScriptRunner::run_one(const Step &step) {
   std::string error;
   if (step.kind == StepKind::drop_links) {
      server_.drop_all_connections();
   } else if (step.kind == StepKind::fault) {
#ifdef PORTIER_PBXSIM_HAS_FAULTS
      std::string why;
      if (auto fault = parse_fault(step.fault, why)) {
         server_.inject(*fault);
      } else {
         error = why;
      }
#else
      error = "fault injection not built";
#endif
   } else if (!sip_step(step, error)) {
      error = apply_step(office_, book_, step);
   }
   server_.flush_events();
   const std::string where = "script line " + std::to_string(step.line) + ": " + describe(step);
   if (error.empty()) {
      log_(SimLogLevel::info, where);
   } else {
      ++failures_;
      log_(SimLogLevel::warning, where + ": " + error);
   }
}

}  // namespace portier::pbxsim
