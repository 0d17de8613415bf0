// SPDX-License-Identifier: GPL-3.0-or-later
#include "portier/directory_source/import_threads.h"

#include <utility>

namespace portier::directory_source {

bool ImportThreads::reap() {
   // a thread that returned is joined at once; one still posting its READY is left to finish
   std::erase_if(threads_, [](const Entry &t) { return t.done->load(); });
   return threads_.size() < kMaxThreads;
}

void ImportThreads::start(std::function<void(std::stop_token)> work) {
   Entry &t = threads_.emplace_back();
   t.thread = std::jthread([work = std::move(work), done = t.done](std::stop_token stop) {
      work(stop);
      done->store(true);
   });
}

void ImportThreads::stop_all() {
   for (Entry &t : threads_) t.thread.request_stop();
   threads_.clear();  // joins each
}

}  // namespace portier::directory_source
