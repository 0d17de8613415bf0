// SPDX-License-Identifier: GPL-3.0-or-later
// The last presence of every subscribed key, from the presence plugin's
// PORTIER_PRESENCE_EV_STATE events. Keys are compared as presence_key() spells them, so an
// e-mail a backend reports in other letter case still finds its contact. Engine thread only;
// bounded by the capacity (the configured max_keys).
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include <portier/event.h>

#include "kernel/presence_fusion.h"

namespace portier::kernel {

// The table's spelling of a key: e-mail addresses in lower case, other keys as given.
std::string presence_key(std::int32_t key_type, std::string_view key);

class PresenceTable {
public:
   explicit PresenceTable(std::size_t capacity) : capacity_(capacity) {}

   // Takes `ev` when it is a state event not shorter than its record; others are ignored (false).
   // A new key beyond the capacity is not kept. Sets `key` to the event's table key; the part's
   // stale mark is `source_stale` (the plugin's, see ContactStates). True when the key's part
   // changed (a newer confirmation alone is a change too: its age is shown).
   bool apply(std::string_view plugin, const portier_event_header &ev, bool source_stale, std::string &key);

   // The part of `key` (presence_key spelling) with its stale mark as of the last mark_stale, or nullptr.
   const PresencePart *find(const std::string &key) const;

   // Sets every part's stale mark to `stale`; calls `changed(key)` for each mark that flipped.
   template <typename Changed>
   void mark_stale(bool stale, Changed &&changed) {
      for (auto &[key, part] : parts_) {
         if (stale == part.stale) continue;
         part.stale = stale;
         changed(key);
      }
   }

   std::size_t size() const { return parts_.size(); }

private:
   std::size_t capacity_;
   std::map<std::string, PresencePart, std::less<>> parts_;
};

}  // namespace portier::kernel
