// SPDX-License-Identifier: GPL-3.0-or-later
// Free-running demo traffic: a seeded generator places calls between office users and from and
// to outside callers every few seconds; they ring, are answered (or given up) and hang up, so
// busy lamps move. Now and then someone turns on do-not-disturb for a while. Pure: it acts on
// an Office at the office's clock, so tests run it on simulated time.
#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "office/office.h"
#include "runtime/sim_log.h"

namespace portier::pbxsim {

struct TrafficOptions {
   std::uint64_t seed = 1;
   std::uint32_t every_ms = 4000;  // mean time between new calls
   std::size_t max_calls = 6;      // calls of the demo at the same time, at most
};

class Traffic {
public:
   // Draws its parties from `spec`: office users and outside numbers (attendants are left to
   // the console).
   Traffic(const OfficeSpec &spec, TrafficOptions options);

   // Does what fell due by `now_ms` (the office clock): answers, hang-ups, new calls.
   void step(Office &office, std::uint64_t now_ms, const SimLog &log);

   std::uint64_t calls_placed() const { return placed_; }
   std::size_t calls_active() const { return calls_.size(); }

private:
   struct Tracked {
      std::string call_id;
      std::string caller;
      std::string callee;
      bool caller_outside = false;
      bool callee_outside = false;
      std::uint64_t answer_at = 0;  // 0: nobody answers, the caller gives up at hang_up_at
      std::uint64_t hang_up_at = 0;
      bool answered = false;
   };
   struct Dnd {
      std::string user;
      std::uint64_t off_at = 0;
   };

   std::uint64_t below(std::uint64_t n) { return n == 0 ? 0 : rng_() % n; }
   const std::string *idle_user(const Office &office);
   void place(Office &office, std::uint64_t now, const SimLog &log);
   void follow(Office &office, std::uint64_t now);

   TrafficOptions options_;
   std::vector<std::string> users_;
   std::vector<std::string> outside_;
   std::vector<Tracked> calls_;
   std::vector<Dnd> dnd_;
   std::mt19937_64 rng_;
   std::uint64_t next_call_at_ = 0;
   std::uint64_t placed_ = 0;
};

}  // namespace portier::pbxsim
