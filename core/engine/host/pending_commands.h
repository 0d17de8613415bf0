// SPDX-License-Identifier: GPL-3.0-or-later
// The bookkeeping both plugin adapters share: a correlation per command, what to report if the
// command fails, and the settling of that by the plugin's RESULT. `Failure` is a plain record
// with `status`, `detail` and `message` fields. Engine thread only.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <functional>
#include <map>
#include <utility>

#include <portier/status.h>

namespace portier::engine {

template <typename Failure>
class PendingCommands {
  public:
   using Sink = std::function<void(const Failure &)>;

   // `limit`: commands still waiting for their RESULT; the oldest are forgotten beyond it.
   // `on_success`, when set, hears of each command whose RESULT says it was done.
   PendingCommands(std::size_t limit, Sink on_failure, Sink on_success = {})
       : limit_(limit), on_failure_(std::move(on_failure)), on_success_(std::move(on_success)) {}

   std::uint64_t next_correlation() { return next_correlation_++; }

   // After the plugin's function returned: OK or PENDING still gets its RESULT by contract, so
   // it is remembered either way; anything else failed at once.
   void sent(std::uint64_t correlation, portier_status status, portier_error &err, Failure what) {
      if (status == PORTIER_PENDING || status == PORTIER_OK) {
         if (pending_.size() >= limit_) pending_.erase(pending_.begin());
         pending_.emplace(correlation, std::move(what));
         return;
      }
      what.status = status;
      what.detail = err.detail;
      err.message[sizeof err.message - 1] = '\0';
      what.message = err.message;
      on_failure_(what);
   }

   // A RESULT event: settles the command it answers; one not ours, or forgotten, is ignored.
   template <std::size_t N>
   void settled(std::uint64_t correlation, portier_status status, int detail, const char (&message)[N]) {
      const auto it = pending_.find(correlation);
      if (it == pending_.end()) return;
      Failure what = std::move(it->second);
      pending_.erase(it);
      if (status == PORTIER_OK || status == PORTIER_PENDING) {
         if (on_success_) on_success_(what);
         return;
      }
      what.status = status;
      what.detail = detail;
      what.message.assign(message, strnlen(message, N));
      on_failure_(what);
   }

   // Reports a command that was never sent.
   void refused(Failure what) const { on_failure_(what); }
   void clear() { pending_.clear(); }
   std::size_t size() const { return pending_.size(); }

  private:
   std::size_t limit_;
   Sink on_failure_;
   Sink on_success_;
   std::uint64_t next_correlation_ = 1;
   std::map<std::uint64_t, Failure> pending_;  // by correlation: what to report if it fails
};

}  // namespace portier::engine
