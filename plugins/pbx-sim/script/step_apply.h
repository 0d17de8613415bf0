// SPDX-License-Identifier: GPL-3.0-or-later
// What a script step does to the office. Kept apart from timing and the server so that tests
// can run steps against a bare Office.
#pragma once

#include <string>
#include <vector>

#include "office/office.h"
#include "script/script.h"

namespace portier::pbxsim {

// Calls placed by steps, so that an outside party (which the office cannot snapshot) can later
// answer or hang up "its" call. Bounded: the oldest entries are forgotten.
struct CallBook {
   struct Entry {
      std::string call_id;
      std::string from;
      std::string to;
   };
   std::vector<Entry> calls;
   static constexpr std::size_t kMaxEntries = 1000;
};

// Applies call, answer, hangup, hold, retrieve, forward, dnd and service to `office`.
// Returns "" on success, else why it failed ("noCallToAnswer", "no call rings at +4989..").
// wait, drop-links and fault are the runner's; here they fail as "not an office step".
std::string apply_step(Office &office, CallBook &book, const Step &step);

}  // namespace portier::pbxsim
