// SPDX-License-Identifier: GPL-3.0-or-later
#include "demo/demo_runner.h"

#ifdef PORTIER_PBXSIM_SIP
#include "sip/sip_side.h"
#endif

namespace portier::pbxsim {
namespace {
constexpr std::chrono::milliseconds kStep{200};
}

DemoRunner::DemoRunner(boost::asio::io_context &io, Office &office, CstaServer &server, const OfficeSpec &spec,
                       TrafficOptions options, SimLog log)
    : office_(office), server_(server), traffic_(spec, options), log_(std::move(log)), timer_(io) {
   outside_ = spec.external_numbers;
}

void DemoRunner::use_sip(SipSide *sip, std::uint32_t every_ms) {
   sip_ = sip;
   sip_every_ms_ = every_ms;
#ifdef PORTIER_PBXSIM_SIP
   // The trunk's own number is an outside party of the office too, but never a caller here.
   if (sip_) std::erase_if(outside_, [this](const std::string &n) { return sip_->is_cps_number(n); });
#endif
   next_sip_at_ = office_.now_ms() + every_ms / 2;
}

// A pilot call now and then: at most two at a time, from the outside numbers in turn.
void DemoRunner::sip_tick() {
#ifdef PORTIER_PBXSIM_SIP
   constexpr std::size_t kMaxSipCalls = 2;
   if (!sip_ || outside_.empty() || office_.now_ms() < next_sip_at_) return;
   next_sip_at_ = office_.now_ms() + sip_every_ms_;
   const auto &ranges = sip_->options().cps_numbers;
   if (!sip_->trunk() || ranges.empty() || sip_->legs().size() >= kMaxSipCalls) return;
   const std::string pilot = ranges.front().substr(0, ranges.front().find(".."));
   const std::string &from = outside_[sip_placed_ % outside_.size()];
   const std::uint32_t hold_after = 4000 + static_cast<std::uint32_t>(sip_placed_ % 3) * 2000;
   // Unanswered (no engine drives the trunk yet, or every attendant is busy) the caller gives up
   // after 3 to 5 s with CANCEL, so the demo shows INVITE and CANCEL and never piles calls up.
   const std::uint32_t give_up_after = 3000 + static_cast<std::uint32_t>(sip_placed_ % 3) * 1000;
   std::string outcome = sip_->place_call({from, pilot, hold_after, hold_after + 8000, give_up_after});
   ++sip_placed_;
   if (!outcome.empty()) log_(SimLogLevel::info, "demo: pilot call from " + from + ": " + outcome);
#endif
}

DemoRunner::~DemoRunner() {
   *alive_ = false;
   timer_.cancel();
}

void DemoRunner::start() {
   timer_.expires_after(std::chrono::milliseconds(0));
   timer_.async_wait([this, alive = alive_](const boost::system::error_code &ec) {
      if (!ec && *alive) tick();
   });
}

void DemoRunner::tick() {
   traffic_.step(office_, office_.now_ms(), log_);
   sip_tick();
   server_.flush_events();
   timer_.expires_after(kStep);
   timer_.async_wait([this, alive = alive_](const boost::system::error_code &ec) {
      if (!ec && *alive) tick();
   });
}

}  // namespace portier::pbxsim
