// SPDX-License-Identifier: GPL-3.0-or-later
// When the cloud presence plugins renew an OAuth token: its expiry minus a margin, the margin at
// most half the lifetime, so a short-lived token is still renewed before it runs out. Header-only
// (no libcurl, no library to link), so the plugins' network-free logic and their fuzz targets use
// it as they are. Thread tag: [any]; no state.
#pragma once

#include <algorithm>
#include <cstdint>

namespace portier::http {

// Longer lifetimes count as this one (ten years): the lifetime is the server's word, and a huge
// one would overflow the renewal time in microseconds.
constexpr std::int64_t kLongestTokenLifetimeS = 10LL * 366 * 24 * 3600;

// The time (same clock as `received_us`) from which a token received at `received_us` and valid
// for `lifetime_s` seconds is renewed; `margin_s` seconds early, at most half the lifetime early.
// A lifetime of 0 or less renews at once (returns `received_us`); a negative margin counts as 0.
// Never fails and never overflows for received_us within a few hundred years of the epoch. [any]
inline std::int64_t renew_at_us(std::int64_t received_us, std::int64_t lifetime_s, int margin_s) {
   lifetime_s = std::clamp<std::int64_t>(lifetime_s, 0, kLongestTokenLifetimeS);
   const std::int64_t margin = std::clamp<std::int64_t>(margin_s, 0, lifetime_s / 2);
   return received_us + (lifetime_s - margin) * 1'000'000;
}

}  // namespace portier::http
