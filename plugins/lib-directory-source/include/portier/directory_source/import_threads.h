// SPDX-License-Identifier: GPL-3.0-or-later
// The import threads of one directory source instance: one std::jthread per import, joined by
// the engine thread without waiting once it has returned.
#pragma once

#include <atomic>
#include <cstddef>
#include <functional>
#include <memory>
#include <stop_token>
#include <thread>
#include <vector>

namespace portier::directory_source {

// Owns the threads; destruction asks each to stop and joins it. Every member is [engine]: the
// engine thread alone starts, reaps and stops them.
class ImportThreads {
public:
   // Threads that finished their import but may still be posting READY; start() is refused
   // beyond this many rather than wait for them.
   static constexpr std::size_t kMaxThreads = 4;

   // Joins the threads whose work has returned; false when kMaxThreads are still running.
   bool reap();

   // Runs `work` on a new thread. `work` must not throw (an escaping exception ends the
   // process, as for any std::jthread).
   void start(std::function<void(std::stop_token)> work);

   // Asks every thread to stop and joins each.
   void stop_all();

private:
   struct Entry {
      std::shared_ptr<std::atomic<bool>> done = std::make_shared<std::atomic<bool>>(false);
      std::jthread thread;
   };
   std::vector<Entry> threads_;
};

}  // namespace portier::directory_source
