// SPDX-License-Identifier: GPL-3.0-or-later
// Rule 8: random sequences of arrivals, answers, hang-ups, availability changes, holds,
// retrieves, transfers, parks, pages, callback pickups, attendants' hang-ups and returns to the
// queue, connects the trunk confirms, refuses or
// never answers, diverted calls, channel reports that bring overload, CFU commands the PBX
// confirms, refuses or never answers, and clock moves never lose a call and never give one call
// to two attendants.
#include <catch2/catch.hpp>

#include <map>
#include <random>
#include <set>
#include <sstream>

#include "engine_fixture.h"
#include "fake_pbx.h"

using namespace portier::engine;
using namespace portier::engine::test;

namespace {

constexpr int kSeeds = 400;
constexpr int kSteps = 600;
const std::vector<std::string> kAttendants = {"a0", "a1", "a2", "a3"};

// Follows the engine's events and the trunk's commands as an outside observer would.
struct Observer {
   std::set<std::string> created;         // accepted: not rejected as unknown
   std::map<std::string, int> end_count;  // per call
   std::map<std::string, std::string> holder;  // call -> attendant offered or connected
   std::set<std::string> live_legs;
   std::size_t commands_seen = 0;
   std::map<EndReason, int> reasons;
   int connected = 0;
   int taken_back = 0;
   int overload = 0;
   int returned = 0;  // return_to_queue accepted
   std::map<ProcessingState, int> processing;
   std::string failure;

   void fail(const std::string &what) {
      if (failure.empty()) failure = what;
   }

   void on_event(const EngineEvent &event) {
      if (const auto *offered = std::get_if<CallOffered>(&event)) {
         if (holder.count(offered->call_id) != 0) fail(offered->call_id + " offered while held by " + holder[offered->call_id]);
         for (const auto &[call, attendant] : holder) {
            if (attendant == offered->attendant) fail(offered->attendant + " offered a second call " + offered->call_id);
         }
         holder[offered->call_id] = offered->attendant;
      } else if (const auto *queued = std::get_if<CallQueued>(&event)) {
         holder.erase(queued->call_id);  // back in a queue (return_to_queue among others): nobody's
      } else if (const auto *back = std::get_if<CallTakenBack>(&event)) {
         holder.erase(back->call_id);
         ++taken_back;
      } else if (std::holds_alternative<CallConnected>(event)) {
         ++connected;
      } else if (const auto *parked = std::get_if<CallProcessing>(&event)) {
         holder.erase(parked->call_id);  // in the processing queue: with no attendant
         ++processing[parked->state];
      } else if (const auto *ended = std::get_if<CallEnded>(&event)) {
         holder.erase(ended->call_id);
         ++reasons[ended->reason];
         if (ended->overload) ++overload;
         if (ended->reason != EndReason::rejected) ++end_count[ended->call_id];
         if (end_count[ended->call_id] > 1) fail(ended->call_id + " ended twice");
      }
   }

   void follow_trunk(const FakeTrunk &trunk) {
      for (; commands_seen < trunk.commands.size(); ++commands_seen) {
         const TrunkCommand &c = trunk.commands[commands_seen];
         if (c.kind == "place_call") live_legs.insert(c.call_id);
         if (c.kind == "hangup") live_legs.erase(c.call_id);
      }
   }
};

template <typename Container>
std::string any_of(const Container &items, std::mt19937 &rng) {
   if (items.empty()) return "none";
   std::uniform_int_distribution<std::size_t> pick(0, items.size() - 1);
   auto it = items.begin();
   std::advance(it, static_cast<long>(pick(rng)));
   return *it;
}

void check_state(const Engine &engine, Observer &seen) {
   for (const std::string &problem : engine.audit()) seen.fail("audit: " + problem);
   std::set<std::string> held;
   for (const std::string &id : engine.call_ids()) held.insert(id);
   for (const std::string &id : seen.created) {
      const bool ended = seen.end_count[id] > 0;
      if (ended && held.count(id) != 0) seen.fail(id + " ended but still held");
      if (!ended && held.count(id) == 0) seen.fail(id + " lost: neither ended nor held");
   }
}

void run_seed(unsigned seed, Observer &seen) {
   std::mt19937 rng(seed);
   EngineFixture f;
   f.data.tenants[0].time_overflow_variant = (seed % 2 == 0) ? "overflow-announce" : "overflow-forward";
   f.data.tenants[0].times.max_time_in_incoming_queue_ms = 60000;
   f.data.ddi[1].opening_hours = weekdays_nine_to_five();
   f.data.ddi[1].night_variant = (seed % 3 == 0) ? "night-busy" : "night-forward";
   f.clock.advance((seed % 4 == 0 ? 7 : 0) * 60 * 60'000LL);  // some seeds start at 16:00
   f.engine = std::make_unique<Engine>(f.data, f.trunk, f.clock, [&](const EngineEvent &e) { seen.on_event(e); });
   Engine &engine = *f.engine;

   const std::vector<std::string> numbers = {kMain, kMainExtra, kInternal, kPicked, "+4930601", "+4930602", "+4930777"};
   int next_call = 0;
   const std::vector<std::string> targets = {"+4930801", "+4930802"};
   const std::vector<std::string> callbacks = {kCallback0, kCallback1, kCallback2};
   std::uniform_int_distribution<int> action(0, 191);
   std::uniform_int_distribution<int> coin(0, 1);
   std::uniform_int_distribution<std::int64_t> delay(0, 25000);
   // The trunk confirms three connects in four at once, as trunk.sip's relay does; the others
   // wait until a step confirms them, fails them or ends the other side, or the engine's
   // hand-over guard gives up on them.
   std::vector<std::pair<std::string, std::string>> pending_connects;
   f.trunk.confirm = [&](const std::string &id, const std::string &other) {
      if (coin(rng) || coin(rng)) f.engine->on_connected(id, other);
      else pending_connects.emplace_back(id, other);
   };

   FakePbx pbx;
   engine.set_pbx(&pbx);
   std::size_t pbx_answered = 0;
   const std::vector<DiversionReason> diversions = {DiversionReason::unconditional, DiversionReason::busy,
                                                    DiversionReason::no_reply, DiversionReason::unknown};

   // The processing queue and release commands: mostly an attendant acting on their connected
   // call or on one in the processing queue, sometimes anyone on any call.
   struct Aim {
      std::string who;
      std::string id;
      bool aimed = false;
      std::set<std::string> processing;  // the default tenant's processing queue
   };
   const auto aim = [&](const std::set<std::string> &active) {
      std::vector<std::string> talking;
      for (const std::string &name : kAttendants) {
         const Attendant *attendant = engine.find_attendant(name);
         const Call *call = attendant ? engine.find_call(attendant->call) : nullptr;
         if (call && call->phase == CallPhase::connected) talking.push_back(name);
      }
      std::set<std::string> processing;
      for (const CallProcessing &entry : engine.processing_queue(kDefaultTenant)) processing.insert(entry.call_id);
      const bool aimed = action(rng) < 100;
      std::string who = aimed && !talking.empty() ? any_of(talking, rng) : any_of(kAttendants, rng);
      const Attendant *attendant = engine.find_attendant(who);
      std::string id = any_of(active, rng);
      if (aimed && attendant && !attendant->call.empty()) id = attendant->call;
      if (aimed && coin(rng) && !processing.empty()) id = any_of(processing, rng);
      return Aim{who, id, aimed, processing};
   };

   for (int step = 0; step < kSteps && seen.failure.empty(); ++step) {
      const int a = action(rng);
      std::set<std::string> active;
      for (const std::string &id : engine.call_ids()) active.insert(id);
      // The PBX answers each CFU command at the next step: done (mostly), refused, or never.
      for (; pbx_answered < pbx.commands.size(); ++pbx_answered) {
         const PbxCommand &c = pbx.commands[pbx_answered];
         const int how = coin(rng) * 2 + coin(rng);
         if (how >= 2) engine.on_forwarding_result(c.device, c.kind == "set", true);
         else if (how == 1) engine.on_forwarding_result(c.device, c.kind == "set", false);
      }
      if (seen.failure.empty()) check_state(engine, seen);
      if (a >= 180) {
         const Aim target = aim(active);
         if (a < 186) {
            (void)engine.hang_up(target.who, target.id);
         } else if (engine.return_to_queue(target.who, target.id) == Outcome::ok) {
            ++seen.returned;
         }
      } else if (a >= 170) {
         // 10 channels leave 6 for callers, 40 leave 28; 0 switches overload off again.
         const std::uint32_t totals[] = {0, 10, 40, 40};
         std::uniform_int_distribution<std::uint32_t> in_use(0, 40);
         engine.on_channels(in_use(rng), totals[coin(rng) * 2 + coin(rng)]);
      } else if (a >= 150) {
         const auto answers = std::move(pending_connects);
         pending_connects.clear();
         for (const auto &[id, other] : answers) {
            const int how = coin(rng) * 2 + coin(rng);
            if (how >= 2) engine.on_connected(id, other);
            else if (how == 1) engine.on_connect_failed(id, other, 503);
            else engine.on_ended(other, 0);
         }
      } else if (a < 15) {
         const std::string id = "c" + std::to_string(next_call++);
         const std::string called = any_of(numbers, rng);
         IncomingCall incoming{id, kCaller, called, ""};
         if (coin(rng) && coin(rng)) {  // one in four came by a PBX diversion
            incoming.diverted_from = any_of(targets, rng);
            incoming.original_called = incoming.diverted_from;
            incoming.diversion = diversions[static_cast<std::size_t>(coin(rng) * 2 + coin(rng))];
         }
         engine.on_incoming(incoming);
         if (engine.find_call(id)) seen.created.insert(id);
      } else if (a < 27) {
         engine.on_answered(any_of(seen.live_legs, rng));
      } else if (a < 34) {
         const std::string leg = any_of(seen.live_legs, rng);
         seen.live_legs.erase(leg);
         engine.on_ended(leg, coin(rng) ? 486 : 200);
      } else if (a < 44) {
         engine.on_ended(any_of(active, rng), 0);
      } else if (a < 50) {
         const std::string id = any_of(active, rng);
         const Call *call = engine.find_call(id);
         engine.on_media_done(id, call && !call->variant_media.empty() ? call->variant_media : "moh");
      } else if (a < 60) {
         (void)engine.set_available(any_of(kAttendants, rng), coin(rng) == 1);
      } else if (a < 66) {
         const std::string who = any_of(kAttendants, rng);
         const std::size_t n = static_cast<std::size_t>(who[1] - '0');
         LogOn request;
         request.attendant = who;
         request.device = "+493050" + std::to_string(n);
         request.personal_line = "+493060" + std::to_string(n);
         // An attendant serves the pilot numbers of one tenant: DEFAULT's two, or (one in four)
         // PICK's one.
         if (coin(rng) == 1 && coin(rng) == 1) {
            request.tenant = "PICK";
            request.pilots.push_back(kPicked);
         } else {
            for (const std::string &pilot : {std::string(kMain), std::string(kInternal)})
               if (coin(rng)) request.pilots.push_back(pilot);
         }
         request.available = coin(rng) == 1;
         (void)engine.log_on(request);
      } else if (a < 70) {
         (void)engine.log_off(any_of(kAttendants, rng));
      } else if (a < 76) {
         (void)engine.pick(any_of(kAttendants, rng), any_of(active, rng));
      } else if (a < 78) {
         engine.on_ended("ghost", 0);
         engine.on_connected(any_of(active, rng), "ghost");
      } else if (a < 100) {
         f.clock.advance(delay(rng));
      } else {
         auto [who, id, aimed, processing] = aim(active);
         if (a < 108) {
            (void)engine.hold(who, id);
         } else if (a < 116) {
            if (aimed && !processing.empty()) id = any_of(processing, rng);
            (void)engine.retrieve(any_of(kAttendants, rng), id);
         } else if (a < 124) {
            (void)engine.transfer(who, id, any_of(targets, rng));
         } else if (a < 130) {
            (void)engine.blind_transfer(who, id, any_of(targets, rng));
         } else if (a < 136) {
            (void)engine.park(who, id);
         } else if (a < 142) {
            (void)engine.page(who, id);
         } else {
            engine.on_incoming(IncomingCall{"p" + std::to_string(next_call++), "+4930555", any_of(callbacks, rng), ""});
         }
      }
      seen.follow_trunk(f.trunk);
      check_state(engine, seen);
   }
}

}  // namespace

TEST_CASE("random sequences of calls and attendant changes never lose a call nor give it to two attendants",
          "[engine][property]") {
   std::map<EndReason, int> reasons;
   std::map<ProcessingState, int> processing;
   int connected = 0;
   int taken_back = 0;
   int overload = 0;
   int returned = 0;
   for (unsigned seed = 1; seed <= kSeeds; ++seed) {
      Observer seen;
      run_seed(seed, seen);
      INFO("seed " << seed << ": " << seen.failure);
      REQUIRE(seen.failure.empty());
      for (const auto &[reason, count] : seen.reasons) reasons[reason] += count;
      for (const auto &[state, count] : seen.processing) processing[state] += count;
      connected += seen.connected;
      taken_back += seen.taken_back;
      overload += seen.overload;
      returned += seen.returned;
   }
   // The sequences must reach every outcome, or the property above says little.
   INFO("connected " << connected << ", taken back " << taken_back << ", answered " << reasons[EndReason::answered]
                     << ", abandoned " << reasons[EndReason::abandoned] << ", variant " << reasons[EndReason::variant]
                     << ", rejected " << reasons[EndReason::rejected] << ", transferred "
                     << reasons[EndReason::transferred] << "; held " << processing[ProcessingState::held]
                     << ", transferring " << processing[ProcessingState::transferring] << ", transfer failed "
                     << processing[ProcessingState::transfer_failed] << ", parked "
                     << processing[ProcessingState::parked] << ", paged " << processing[ProcessingState::paged]
                     << ", park expired " << processing[ProcessingState::park_expired] << ", overload " << overload << ", released "
                     << reasons[EndReason::released] << ", returned to the queue " << returned);
   CHECK(connected > 100);
   CHECK(taken_back > 100);
   CHECK(reasons[EndReason::answered] > 100);
   CHECK(reasons[EndReason::abandoned] > 100);
   CHECK(reasons[EndReason::variant] > 100);
   CHECK(reasons[EndReason::rejected] > 100);
   CHECK(reasons[EndReason::transferred] > 50);
   CHECK(overload > 50);
   CHECK(reasons[EndReason::released] > 50);
   CHECK(returned > 50);
   for (const ProcessingState state : {ProcessingState::held, ProcessingState::transferring,
                                       ProcessingState::transfer_failed, ProcessingState::parked,
                                       ProcessingState::paged, ProcessingState::park_expired}) {
      CHECK(processing[state] > 20);
   }
}
