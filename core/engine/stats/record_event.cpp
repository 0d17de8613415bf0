// SPDX-License-Identifier: GPL-3.0-or-later
// How each engine event changes the figures. A call is followed from its first event to its
// CallEnded; which DDI entry it belongs to comes from CallQueued or CallEnded, the attendant from
// CallOffered, CallConnected, CallProcessing and CallEnded.
#include "engine/stats/statistics.h"

#include <algorithm>

namespace portier::engine {
namespace {

StatsScope queue_scope(bool personal) { return personal ? StatsScope::personal_line : StatsScope::ddi; }

StatsBucket &bucket_of(Statistics &stats, std::int64_t at_ms, StatsScope scope, const std::string &id) {
   return stats.pending[StatsKey{stats_bucket_start(at_ms), scope, id}];
}

StatsBucket &queue_bucket(Statistics &stats, const StatsCall &call, std::int64_t at_ms) {
   return bucket_of(stats, at_ms, queue_scope(call.personal), call.queue);
}

// The first time a call is seen at its DDI entry: it is offered there, at its arrival.
StatsCall &follow(Statistics &stats, const std::string &call_id, const std::string &queue, bool personal,
                  std::int64_t arrived_ms) {
   const auto found = stats.calls.find(call_id);
   if (found != stats.calls.end()) return found->second;
   StatsCall &call = stats.calls[call_id];
   call.queue = queue;
   call.personal = personal;
   call.arrived_ms = arrived_ms;
   queue_bucket(stats, call, arrived_ms).counts.offered += 1;
   return call;
}

StatsCall *followed(Statistics &stats, const std::string &call_id) {
   const auto found = stats.calls.find(call_id);
   return found == stats.calls.end() ? nullptr : &found->second;
}

void on_queued(Statistics &stats, const CallQueued &e, std::int64_t now_ms) {
   if (e.queue.empty()) return;
   StatsCall &call = follow(stats, e.call_id, e.queue, e.personal, now_ms - e.waiting_ms);
   call.answer_revocable = false;
   if (e.returned && !call.transferred_by.empty()) {
      // A blind transfer nobody took: back in the queue instead of the processing queue.
      queue_bucket(stats, call, now_ms).counts.returned_from_transfer += 1;
      bucket_of(stats, now_ms, StatsScope::attendant, call.transferred_by).counts.returned_from_transfer += 1;
   }
   call.transferred_by.clear();
   call.offered_to.clear();
}

void on_offered(Statistics &stats, const CallOffered &e, std::int64_t now_ms) {
   StatsCall *call = followed(stats, e.call_id);
   if (!call || e.attendant.empty()) return;
   call->answer_revocable = false;
   call->offered_to = e.attendant;
   bucket_of(stats, now_ms, StatsScope::attendant, e.attendant).counts.offered += 1;
}

void on_connected(Statistics &stats, const CallConnected &e, std::int64_t now_ms) {
   StatsCall *call = followed(stats, e.call_id);
   if (!call) return;
   call->offered_to.clear();
   if (call->answered) return;  // a retrieve from the processing queue: answered once already
   call->answered = true;
   const std::int64_t waited = now_ms - call->arrived_ms;
   call->answer_revocable = true;
   call->answered_at_ms = now_ms;
   call->answer_wait_ms = waited;
   call->answered_by = e.attendant;
   StatsBucket &queue = queue_bucket(stats, *call, now_ms);
   queue.counts.answered += 1;
   queue.answered_waits.push_back(waited);
   if (e.attendant.empty()) return;
   StatsBucket &attendant = bucket_of(stats, now_ms, StatsScope::attendant, e.attendant);
   attendant.counts.answered += 1;
   attendant.answered_waits.push_back(waited);
}

// Takes one count and one waiting time back out of a bucket; the time only while it is still in
// memory (a connect fails within seconds, so it nearly always is).
void take_back_answer(Statistics &stats, std::int64_t at_ms, StatsScope scope, const std::string &id,
                      std::int64_t waited) {
   StatsBucket &bucket = bucket_of(stats, at_ms, scope, id);
   bucket.counts.answered -= 1;
   const auto it = std::find(bucket.answered_waits.begin(), bucket.answered_waits.end(), waited);
   if (it != bucket.answered_waits.end()) bucket.answered_waits.erase(it);
}

// The trunk could not join caller and attendant: the engine gives the call back unanswered.
void on_taken_back(Statistics &stats, const CallTakenBack &e) {
   StatsCall *call = followed(stats, e.call_id);
   if (!call) return;
   call->offered_to.clear();
   if (!call->answer_revocable || call->answered_by != e.attendant) return;
   take_back_answer(stats, call->answered_at_ms, queue_scope(call->personal), call->queue, call->answer_wait_ms);
   if (!call->answered_by.empty()) {
      take_back_answer(stats, call->answered_at_ms, StatsScope::attendant, call->answered_by, call->answer_wait_ms);
   }
   call->answered = false;
   call->answer_revocable = false;
}

void on_processing(Statistics &stats, const CallProcessing &e, std::int64_t now_ms) {
   StatsCall *call = followed(stats, e.call_id);
   if (!call) return;
   call->offered_to.clear();
   call->answer_revocable = false;  // the join held: the call moved on from its attendant
   if (e.state == ProcessingState::transferring) {
      call->transferred_by = e.attendant;
      return;
   }
   if (e.state == ProcessingState::transfer_failed && !call->transferred_by.empty()) {
      queue_bucket(stats, *call, now_ms).counts.returned_from_transfer += 1;
      bucket_of(stats, now_ms, StatsScope::attendant, call->transferred_by).counts.returned_from_transfer += 1;
   }
   call->transferred_by.clear();
}

void on_ended(Statistics &stats, const CallEnded &e, std::int64_t now_ms) {
   StatsCall *known = followed(stats, e.call_id);
   if (!known) {
      // Ended before it was queued (hung up while ringing, a night variant, rejected by the DDI
      // entry): unanswered, so its waiting time runs from its arrival.
      if (e.queue.empty()) return;
      known = &follow(stats, e.call_id, e.queue, e.personal, now_ms - e.waiting_ms);
   }
   const StatsCall call = *known;
   stats.calls.erase(e.call_id);
   StatsBucket &queue = queue_bucket(stats, call, now_ms);
   switch (e.reason) {
      case EndReason::abandoned:
         queue.counts.abandoned += 1;
         queue.abandoned_waits.push_back(e.waiting_ms);
         if (!call.offered_to.empty()) {
            StatsBucket &attendant = bucket_of(stats, now_ms, StatsScope::attendant, call.offered_to);
            attendant.counts.abandoned += 1;
            attendant.abandoned_waits.push_back(e.waiting_ms);
         }
         return;
      case EndReason::variant:
         queue.counts.overflowed += 1;
         return;
      case EndReason::transferred:
         queue.counts.transferred += 1;
         if (!e.attendant.empty()) bucket_of(stats, now_ms, StatsScope::attendant, e.attendant).counts.transferred += 1;
         return;
      case EndReason::rejected:
         if (e.overload) queue.counts.rejected += 1;
         return;
      case EndReason::answered:
      case EndReason::released:
         return;  // counted when the attendant answered
   }
}

}  // namespace

std::int64_t stats_bucket_start(std::int64_t utc_ms) {
   std::int64_t start = utc_ms - utc_ms % kStatsBucketMs;
   if (start > utc_ms) start -= kStatsBucketMs;  // before 1970: round down, not toward zero
   return start;
}

void record_event(Statistics &stats, const EngineEvent &event, std::int64_t now_ms) {
   if (const auto *e = std::get_if<CallQueued>(&event)) {
      on_queued(stats, *e, now_ms);
   } else if (const auto *e = std::get_if<CallOffered>(&event)) {
      on_offered(stats, *e, now_ms);
   } else if (const auto *e = std::get_if<CallTakenBack>(&event)) {
      on_taken_back(stats, *e);
      return;
   } else if (const auto *e = std::get_if<CallConnected>(&event)) {
      on_connected(stats, *e, now_ms);
   } else if (const auto *e = std::get_if<CallProcessing>(&event)) {
      on_processing(stats, *e, now_ms);
   } else if (const auto *e = std::get_if<CallEnded>(&event)) {
      on_ended(stats, *e, now_ms);
   }
}

void merge_bucket(StatsBucket &into, const StatsBucket &from) {
   into.counts.offered += from.counts.offered;
   into.counts.answered += from.counts.answered;
   into.counts.abandoned += from.counts.abandoned;
   into.counts.overflowed += from.counts.overflowed;
   into.counts.transferred += from.counts.transferred;
   into.counts.returned_from_transfer += from.counts.returned_from_transfer;
   into.counts.rejected += from.counts.rejected;
   into.answered_waits.insert(into.answered_waits.end(), from.answered_waits.begin(), from.answered_waits.end());
   into.abandoned_waits.insert(into.abandoned_waits.end(), from.abandoned_waits.begin(), from.abandoned_waits.end());
}

std::string_view stats_scope_name(StatsScope scope) {
   switch (scope) {
      case StatsScope::ddi: return "ddi";
      case StatsScope::personal_line: return "personal_line";
      case StatsScope::attendant: return "attendant";
   }
   return "ddi";
}

bool parse_stats_scope(std::string_view name, StatsScope &scope) {
   for (const StatsScope candidate : {StatsScope::ddi, StatsScope::personal_line, StatsScope::attendant}) {
      if (stats_scope_name(candidate) == name) {
         scope = candidate;
         return true;
      }
   }
   return false;
}

}  // namespace portier::engine
