// SPDX-License-Identifier: GPL-3.0-or-later
// Session timers (RFC 4028) as pure functions: read Session-Expires, Min-SE and Supported,
// decide how a UAS answers, and when the refresher refreshes or the other side gives up.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace portier::sip {

enum class Refresher { uac, uas };

struct SessionExpires {
   std::uint32_t seconds = 0;
   std::optional<Refresher> refresher;
};

inline constexpr std::uint32_t kMinSessionExpires = 90;  // RFC 4028 4: the smallest allowed Min-SE

// "1800;refresher=uac" (also the compact header x:). Nullopt when not a delta-seconds value.
std::optional<SessionExpires> parse_session_expires(std::string_view value);
std::optional<std::uint32_t> parse_min_se(std::string_view value);  // "90" or "90;param"
// True when a Supported (or Require) value lists "timer".
bool lists_timer(std::string_view value);

struct SessionTimerOffer {  // what the INVITE or UPDATE carried
   std::optional<std::string> session_expires;
   std::optional<std::string> min_se;
   bool supports_timer = false;  // Supported: timer
};

struct SessionTimerPolicy {
   std::uint32_t min_se = kMinSessionExpires;  // ours, at least 90
   std::uint32_t preferred = 1800;             // interval we use when the UAC asks for none
};

struct SessionTimerAnswer {
   int reject_status = 0;       // 422 when the interval is below our Min-SE, else 0
   std::uint32_t min_se = 0;    // for the Min-SE header of the 422
   bool use_timer = false;      // put Session-Expires into the 2xx
   std::uint32_t interval = 0;
   Refresher refresher = Refresher::uas;
   bool require_timer = false;  // add Require: timer (the UAC refreshes)
   std::string session_expires_value() const;  // "1800;refresher=uac"
};

SessionTimerAnswer answer_session_timer(const SessionTimerOffer &offer, const SessionTimerPolicy &policy = {});

// RFC 4028 10: the refresher sends its refresh at half the interval; the other side sends BYE
// when interval - min(32, interval / 3) passes without one.
std::chrono::seconds refresh_after(std::uint32_t interval);
std::chrono::seconds give_up_after(std::uint32_t interval);

}  // namespace portier::sip
