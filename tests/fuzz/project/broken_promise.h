// SPDX-License-Identifier: GPL-3.0-or-later
// What a harness does when a parser breaks a promise: say which one, then abort, which libFuzzer
// reports as a crash and keeps the input for.
#pragma once

#include <cstdio>
#include <cstdlib>

namespace portier::fuzz {

inline void require(bool holds, const char *promise) {
   if (holds) return;
   std::fprintf(stderr, "BROKEN PROMISE: %s\n", promise);
   std::abort();
}

}  // namespace portier::fuzz
