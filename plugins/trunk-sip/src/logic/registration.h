// SPDX-License-Identifier: GPL-3.0-or-later
// When trunk.sip sends REGISTER, as a state machine without sockets or clocks of its own: the
// caller feeds it the host clock (microseconds) and the outcome of each REGISTER transaction
// (the SIP layer answers digest challenges itself; only the final outcome arrives here).
//
//   unregistered --start--> registering --granted--> registered --(refresh due)--> ...
//        ^                      |  ^                      |
//        |                    failed |                failed: stays registered while the
//      stop                     v  | (backoff)          binding lasts; at its end -> failed
//                             failed ---------------------'
//
// Timing: REGISTER asks for `interval_s` (305 by default; OpenScape Voice deactivates an endpoint
// that registers for less than 300 s). A shorter Expires granted by the registrar is honoured
// (with a warning). The binding is refreshed `refresh_margin_s` before it ends (at most half of
// it): 305 s granted -> a REGISTER every 300 s, never more often than the PBX allows. A failure
// is retried after 1 s, doubling to 60 s; the first success resets the backoff.
#pragma once

#include <cstdint>
#include <string>

namespace portier::trunk {

enum class RegistrationState { unregistered, registering, registered, failed };

// "unregistered", "registering", "registered", "failed"
const char *state_name(RegistrationState state);

struct RegistrationPolicy {
   std::int64_t interval_s = 305;        // the Expires asked for
   std::int64_t refresh_margin_s = 5;    // refresh this long before the binding ends
   std::int64_t backoff_min_s = 1;
   std::int64_t backoff_max_s = 60;
   std::int64_t pbx_min_interval_s = 300;  // below this the PBX deactivates the endpoint
};

class Registration {
public:
   explicit Registration(RegistrationPolicy policy = {}) : policy_(policy), expires_s_(policy.interval_s) {}

   // Begins registering: a REGISTER is due at once.
   void start(std::int64_t now_us);
   // Back to unregistered with nothing due (the plugin sends its Expires: 0 REGISTER itself).
   void stop();

   // True when a REGISTER should go out now.
   bool due(std::int64_t now_us) const { return next_us_ >= 0 && now_us >= next_us_; }
   // When the next REGISTER is due, or -1 while one is on its way or when stopped.
   std::int64_t next_us() const { return next_us_; }
   // The Expires to put in the next REGISTER.
   std::int64_t expires_s() const { return expires_s_; }

   // A REGISTER went out; nothing is due until its outcome arrives.
   void sent(std::int64_t now_us);
   // 2xx with the granted expiry (Expires header or contact parameter). Returns a warning for
   // the log when the registrar granted less than the PBX's minimum, else "".
   std::string granted(std::int64_t now_us, std::int64_t granted_s);
   // 423 Interval Too Brief with Min-Expires: asks again at once for that much. A Min-Expires not
   // above what was asked, or above a day, counts as a failure (no loop of 423s).
   void interval_too_brief(std::int64_t now_us, std::int64_t min_expires_s);
   // Any other failure: a final non-2xx (reason "403 Forbidden"), a timeout, a transport or DNS
   // error. Retried after the backoff.
   void failed(std::int64_t now_us, std::string reason);
   // Lets a binding that was not refreshed in time run out.
   void tick(std::int64_t now_us);

   RegistrationState state() const { return state_; }
   // Why the trunk is not (or not reliably) registered: "" when registered and the last attempt
   // went well. The plugin reports itself limited with it.
   const std::string &reason() const { return reason_; }
   bool limited() const { return state_ != RegistrationState::registered; }
   std::int64_t expires_at_us() const { return expires_at_us_; }  // -1 without a binding
   int failures() const { return failures_; }  // in a row

private:
   std::int64_t backoff_s() const;

   RegistrationPolicy policy_;
   RegistrationState state_ = RegistrationState::unregistered;
   std::string reason_ = "not started";
   std::int64_t expires_s_;
   std::int64_t next_us_ = -1;
   std::int64_t expires_at_us_ = -1;
   int failures_ = 0;
};

}  // namespace portier::trunk
