// SPDX-License-Identifier: GPL-3.0-or-later
#include "registration.h"

#include <algorithm>

namespace portier::trunk {
namespace {
constexpr std::int64_t kSecond = 1000000;
constexpr std::int64_t kMaxExpires = 86400;
}  // namespace

const char *state_name(RegistrationState state) {
   switch (state) {
   case RegistrationState::unregistered: return "unregistered";
   case RegistrationState::registering: return "registering";
   case RegistrationState::registered: return "registered";
   case RegistrationState::failed: return "failed";
   }
   return "?";
}

void Registration::start(std::int64_t now_us) {
   state_ = RegistrationState::registering;
   reason_ = "registering";
   expires_s_ = policy_.interval_s;
   expires_at_us_ = -1;
   failures_ = 0;
   next_us_ = now_us;
}

void Registration::stop() {
   state_ = RegistrationState::unregistered;
   reason_ = "stopped";
   next_us_ = -1;
   expires_at_us_ = -1;
}

void Registration::sent(std::int64_t) {
   if (state_ == RegistrationState::unregistered) return;
   if (state_ == RegistrationState::failed) state_ = RegistrationState::registering;
   next_us_ = -1;
}

std::string Registration::granted(std::int64_t now_us, std::int64_t granted_s) {
   if (state_ == RegistrationState::unregistered) return "";
   if (granted_s <= 0) {
      failed(now_us, "the registrar granted no time (Expires: " + std::to_string(granted_s) + ")");
      return "";
   }
   state_ = RegistrationState::registered;
   reason_.clear();
   failures_ = 0;
   expires_at_us_ = now_us + granted_s * kSecond;
   const std::int64_t margin = std::min(policy_.refresh_margin_s * kSecond, granted_s * kSecond / 2);
   next_us_ = expires_at_us_ - margin;
   if (granted_s >= policy_.pbx_min_interval_s) return "";
   return "the registrar granted " + std::to_string(granted_s) + " s, less than the " +
          std::to_string(policy_.pbx_min_interval_s) + " s an OpenScape Voice expects of a trunk endpoint";
}

void Registration::interval_too_brief(std::int64_t now_us, std::int64_t min_expires_s) {
   if (state_ == RegistrationState::unregistered) return;
   if (min_expires_s <= expires_s_ || min_expires_s > kMaxExpires) {
      return failed(now_us, "423 Interval Too Brief with Min-Expires " + std::to_string(min_expires_s) +
                                " after asking for " + std::to_string(expires_s_) + " s");
   }
   expires_s_ = min_expires_s;
   next_us_ = now_us;
}

void Registration::failed(std::int64_t now_us, std::string reason) {
   if (state_ == RegistrationState::unregistered) return;
   ++failures_;
   const bool bound = state_ == RegistrationState::registered && now_us < expires_at_us_;
   if (bound) {
      reason_ = "refresh failed: " + reason;
   } else {
      state_ = RegistrationState::failed;
      expires_at_us_ = -1;
      reason_ = std::move(reason);
   }
   next_us_ = now_us + backoff_s() * kSecond;
   // a refresh retried after the binding ended would leave a gap; retry before then
   if (bound) next_us_ = std::min(next_us_, std::max(now_us, expires_at_us_ - kSecond));
}

void Registration::tick(std::int64_t now_us) {
   if (state_ != RegistrationState::registered || now_us < expires_at_us_) return;
   state_ = RegistrationState::failed;
   expires_at_us_ = -1;
   reason_ = "registration expired" + (reason_.empty() ? std::string() : " (" + reason_ + ")");
   if (next_us_ < 0) return;  // a REGISTER is on its way; its outcome decides
   next_us_ = std::min(next_us_, now_us);
}

std::int64_t Registration::backoff_s() const {
   std::int64_t wait = policy_.backoff_min_s;
   for (int i = 1; i < failures_ && wait < policy_.backoff_max_s; ++i) wait *= 2;
   return std::min(wait, policy_.backoff_max_s);
}

}  // namespace portier::trunk
