// SPDX-License-Identifier: GPL-3.0-or-later
#include "demo/traffic.h"

#include <algorithm>

namespace portier::pbxsim {
namespace {
constexpr std::size_t kMaxDnd = 2;
constexpr int kIdleTries = 6;
}  // namespace

Traffic::Traffic(const OfficeSpec &spec, TrafficOptions options) : options_(options), rng_(options.seed) {
   for (const ExtensionSpec &ext : spec.extensions) {
      if (ext.kind == ExtensionKind::office_user && ext.in_service) users_.push_back(ext.number);
   }
   outside_ = spec.external_numbers;
   options_.every_ms = std::max<std::uint32_t>(options_.every_ms, 10);
}

const std::string *Traffic::idle_user(const Office &office) {
   for (int i = 0; i < kIdleTries && !users_.empty(); ++i) {
      const std::string &user = users_[below(users_.size())];
      const auto snap = office.snapshot_device(user);
      if (snap.ok() && snap.value.state == DeviceState::idle) return &user;
   }
   return nullptr;
}

void Traffic::step(Office &office, std::uint64_t now, const SimLog &log) {
   follow(office, now);
   if (now < next_call_at_) return;
   next_call_at_ = now + options_.every_ms / 2 + below(options_.every_ms);
   if (calls_.size() < options_.max_calls) place(office, now, log);
}

void Traffic::follow(Office &office, std::uint64_t now) {
   for (auto it = calls_.begin(); it != calls_.end();) {
      Tracked &c = *it;
      if (!c.answered && c.answer_at != 0 && now >= c.answer_at) {
         // The callee may have answered by its own rule already; either way it is answered.
         if (c.callee_outside) {
            office.external_answer(c.callee, c.call_id);
         } else {
            office.answer(c.callee, c.call_id);
         }
         c.answered = true;
      }
      if (now >= c.hang_up_at) {
         // Errors mean the call is gone already (the other side hung up) or moved on.
         if (c.caller_outside) {
            office.external_clear(c.caller, c.call_id);
         } else {
            office.clear_connection(c.caller, c.call_id);
         }
         it = calls_.erase(it);
         continue;
      }
      ++it;
   }
   for (auto it = dnd_.begin(); it != dnd_.end();) {
      if (now < it->off_at) {
         ++it;
         continue;
      }
      office.set_dnd(it->user, false);
      it = dnd_.erase(it);
   }
}

void Traffic::place(Office &office, std::uint64_t now, const SimLog &log) {
   const std::uint64_t roll = below(100);
   const std::string *user = idle_user(office);
   if (user == nullptr) return;
   if (roll < 10) {
      if (dnd_.size() >= kMaxDnd) return;
      if (office.set_dnd(*user, true).ok()) {
         dnd_.push_back({*user, now + 15000 + below(25000)});
         log(SimLogLevel::debug, "demo: " + *user + " turns on do-not-disturb");
      }
      return;
   }
   Tracked c;
   const bool from_outside = roll < 55 && !outside_.empty();
   const bool to_outside = roll >= 85 && !outside_.empty();
   if (from_outside) {
      c.caller = outside_[below(outside_.size())];
      c.caller_outside = true;
      c.callee = *user;
   } else if (to_outside) {
      c.caller = *user;
      c.callee = outside_[below(outside_.size())];
      c.callee_outside = true;
   } else {
      const std::string *other = idle_user(office);
      if (other == nullptr || *other == *user) return;
      c.caller = *user;
      c.callee = *other;
   }
   auto placed = c.caller_outside ? office.incoming_call(c.caller, c.callee) : office.make_call(c.caller, c.callee);
   if (!placed.ok()) {
      log(SimLogLevel::debug, "demo: call " + c.caller + " -> " + c.callee + " refused: " +
                                  std::string(to_string(placed.error->value)));
      return;
   }
   c.call_id = placed.value.call_id;
   if (below(4) != 0) {
      c.answer_at = now + 2000 + below(6000);
      c.hang_up_at = c.answer_at + 5000 + below(30000);
   } else {
      c.hang_up_at = now + 10000 + below(10000);
   }
   ++placed_;
   log(SimLogLevel::debug, "demo: call " + c.caller + " -> " + c.callee);
   calls_.push_back(std::move(c));
}

}  // namespace portier::pbxsim
