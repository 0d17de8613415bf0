// SPDX-License-Identifier: GPL-3.0-or-later
// An engine on a simulated clock with a fake trunk, and the configuration most tests share.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "engine/runtime/engine.h"
#include "engine/runtime/sim_timers.h"
#include "fake_trunk.h"

namespace portier::engine::test {

inline constexpr const char *kMain = "+4930100";       // DEFAULT, purpose main
inline constexpr const char *kMainExtra = "+4930190";  // an additional number of kMain
inline constexpr const char *kInternal = "+4930200";   // DEFAULT, purpose internal, ring 1000 ms
inline constexpr const char *kPicked = "+4930300";     // tenant PICK, pick mode
inline constexpr const char *kCaller = "+4989555";
inline constexpr const char *kCallback0 = "+4930700";  // DEFAULT's callback numbers: +4930700..+4930702
inline constexpr const char *kCallback1 = "+4930701";
inline constexpr const char *kCallback2 = "+4930702";
inline constexpr const char *kTarget = "+4930777";  // an office phone to transfer to

// DEFAULT: automatic, ring 3 s, RNA 20 s, queue 120 s; main priority 5, internal 2.
EngineData standard_data();
OpeningHours weekdays_nine_to_five();

struct EngineFixture {
   EngineData data = standard_data();
   SimTimers clock;  // Monday 2024-01-01 09:00
   FakeTrunk trunk;
   std::vector<EngineEvent> events;
   std::unique_ptr<Engine> engine;

   // After the test has adjusted `data` or the clock. The trunk confirms every connect at once;
   // hand-over tests clear `trunk.confirm` to answer connects themselves.
   Engine &start();
   void incoming(const std::string &call_id, const std::string &called, const std::string &caller = kCaller);
   // An incoming call, through its ring time into the queue.
   void queued_call(const std::string &call_id, const std::string &called = kMain);
   Outcome log_on(const std::string &attendant, const std::string &device, std::vector<std::string> pilots,
                  const std::string &personal_line = "", bool available = true);
   // The leg most recently placed for `call_id`, or "" when none.
   std::string leg_of(const std::string &call_id) const;
   // The leg most recently placed for any call (transfer legs wait on no call), or "".
   std::string last_leg() const;
   // A call to `called`, pushed to `attendant` (logged on with `device` if not yet) and answered;
   // returns the attendant's leg.
   std::string connected_call(const std::string &call_id, const std::string &attendant = "anna",
                              const std::string &device = "+4930501", const std::string &called = kMain);

   template <typename T>
   std::vector<T> events_of() const {
      std::vector<T> found;
      for (const EngineEvent &e : events)
         if (const T *t = std::get_if<T>(&e)) found.push_back(*t);
      return found;
   }
   std::vector<CallEnded> ended(const std::string &call_id) const;
};

}  // namespace portier::engine::test
