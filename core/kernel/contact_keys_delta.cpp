// SPDX-License-Identifier: GPL-3.0-or-later
#include "kernel/contact_keys_delta.h"

#include <utility>

namespace portier::kernel {

namespace {

bool same_keys(const directory::ContactKeys &a, const directory::ContactKeys &b) {
   return a.tenant == b.tenant && a.extension == b.extension && a.emails == b.emails;
}

}  // namespace

directory::DirectoryResult<ContactKeysDelta> ContactKeysTracker::read(directory::DirectoryDb &db) {
   auto keys = directory::contact_keys(db);
   if (!keys) return keys.error();
   ContactKeysDelta delta;
   delta.whole = !read_once_;
   std::map<std::int64_t, directory::ContactKeys> now;
   // Both sides are ordered by id: one merge pass finds the added, changed and removed.
   auto old = last_.begin();
   for (directory::ContactKeys &contact : keys.value()) {
      for (; old != last_.end() && old->first < contact.id; ++old) delta.removed.push_back(old->first);
      const bool kept = old != last_.end() && old->first == contact.id && same_keys(old->second, contact);
      if (old != last_.end() && old->first == contact.id) ++old;
      if (!kept || delta.whole) delta.changed.push_back(contact);
      const std::int64_t id = contact.id;
      now.emplace_hint(now.end(), id, std::move(contact));
   }
   for (; old != last_.end(); ++old) delta.removed.push_back(old->first);
   if (delta.whole) delta.removed.clear();
   last_ = std::move(now);
   read_once_ = true;
   return delta;
}

}  // namespace portier::kernel
