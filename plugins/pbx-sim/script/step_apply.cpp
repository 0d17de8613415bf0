// SPDX-License-Identifier: GPL-3.0-or-later
#include "script/step_apply.h"

#include <optional>

namespace portier::pbxsim {
namespace {

template <typename T>
std::string outcome(const Outcome<T> &result) {
   return result.ok() ? std::string() : std::string(to_string(result.error->value));
}

bool is_extension(const Office &office, const std::string &party) {
   return office.snapshot_device(party).ok();
}

// The first call of `party` whose connection is in one of `states`, in order of preference.
std::optional<std::string> call_in(const Office &office, const std::string &party,
                                   std::initializer_list<ConnectionState> states) {
   const auto snapshot = office.snapshot_device(party);
   if (!snapshot.ok()) return std::nullopt;
   for (ConnectionState wanted : states) {
      for (const SnapshotCall &call : snapshot.value.calls) {
         if (call.state == wanted) return call.call_id;
      }
   }
   return std::nullopt;
}

void remember(CallBook &book, std::string call_id, const Step &step) {
   if (book.calls.size() >= CallBook::kMaxEntries) book.calls.erase(book.calls.begin());
   book.calls.push_back({std::move(call_id), step.party, step.target});
}

std::string outside_answer(Office &office, CallBook &book, const std::string &party) {
   for (auto it = book.calls.rbegin(); it != book.calls.rend(); ++it) {
      if (it->to == party && office.external_answer(party, it->call_id).ok()) return {};
   }
   return "no call rings at " + party;
}

std::string outside_hangup(Office &office, CallBook &book, const std::string &party) {
   for (auto it = book.calls.rbegin(); it != book.calls.rend(); ++it) {
      if (it->to != party && it->from != party) continue;
      if (office.external_clear(party, it->call_id).ok()) {
         book.calls.erase(std::next(it).base());
         return {};
      }
   }
   return "no call of " + party + " to hang up";
}

}  // namespace

std::string apply_step(Office &office, CallBook &book, const Step &step) {
   const std::string &party = step.party;
   switch (step.kind) {
   case StepKind::call: {
      auto placed = is_extension(office, party) ? office.make_call(party, step.target)
                                                : office.incoming_call(party, step.target);
      if (placed.ok()) remember(book, placed.value.call_id, step);
      return outcome(placed);
   }
   case StepKind::answer: {
      if (!is_extension(office, party)) return outside_answer(office, book, party);
      const auto call = call_in(office, party, {ConnectionState::alerting});
      return call ? outcome(office.answer(party, *call)) : "no call rings at " + party;
   }
   case StepKind::hangup: {
      if (!is_extension(office, party)) return outside_hangup(office, book, party);
      const auto call = call_in(office, party,
                                {ConnectionState::connected, ConnectionState::initiated, ConnectionState::alerting,
                                 ConnectionState::held, ConnectionState::queued, ConnectionState::fail});
      return call ? outcome(office.clear_connection(party, *call)) : "no call at " + party;
   }
   case StepKind::hold: {
      const auto call = call_in(office, party, {ConnectionState::connected});
      return call ? outcome(office.hold(party, *call)) : "no connected call at " + party;
   }
   case StepKind::retrieve: {
      const auto call = call_in(office, party, {ConnectionState::held});
      return call ? outcome(office.retrieve(party, *call)) : "no held call at " + party;
   }
   case StepKind::forward:
      return outcome(office.set_forwarding(party, step.forward, step.on, step.on ? step.target : ""));
   case StepKind::dnd: return outcome(office.set_dnd(party, step.on));
   case StepKind::service: return outcome(office.set_in_service(party, step.on));
   case StepKind::wait:
   case StepKind::drop_links:
   case StepKind::fault: break;
   }
   return "not an office step";
}

}  // namespace portier::pbxsim
