// SPDX-License-Identifier: GPL-3.0-or-later
#include "kernel/presence_subscriptions.h"

#include <algorithm>
#include <iterator>

namespace portier::kernel {

namespace {

// Sends `keys` in batches; each accepted batch goes through `accepted`. Stops at the first refusal.
template <typename Accepted>
portier_status send(const PresenceCall &call, bool subscribe, const std::vector<std::string> &keys, std::uint64_t &batches,
          std::string &why, Accepted &&accepted) {
   for (std::size_t from = 0; from < keys.size(); from += kSubscribeBatch) {
      const std::size_t to = std::min(keys.size(), from + kSubscribeBatch);
      std::vector<const char *> batch;
      batch.reserve(to - from);
      for (std::size_t i = from; i < to; ++i) batch.push_back(keys[i].c_str());
      ++batches;
      const portier_status status = call(subscribe, batch, why);
      if (status != PORTIER_OK) {
         if (why.empty()) why = portier_status_name(status);
         return status;
      }
      for (std::size_t i = from; i < to; ++i) accepted(keys[i]);
   }
   return PORTIER_OK;
}

}  // namespace

portier_status PresenceSubscriptions::flush(const PresenceCall &call, std::string &why) {
   std::vector<std::string> gone, added;
   std::set_difference(sent_.begin(), sent_.end(), wanted_.begin(), wanted_.end(), std::back_inserter(gone));
   std::set_difference(wanted_.begin(), wanted_.end(), sent_.begin(), sent_.end(), std::back_inserter(added));
   const portier_status status =
       send(call, false, gone, batches_, why, [&](const std::string &key) { sent_.erase(key); });
   if (status != PORTIER_OK) return status;
   return send(call, true, added, batches_, why, [&](const std::string &key) { sent_.insert(key); });
}

}  // namespace portier::kernel
