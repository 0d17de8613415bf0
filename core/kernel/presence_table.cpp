// SPDX-License-Identifier: GPL-3.0-or-later
#include "kernel/presence_table.h"

#include "kernel/fixed_text.h"

#include <cstring>

#include <portier/kind/presence.h>

namespace portier::kernel {

std::string presence_key(std::int32_t key_type, std::string_view key) {
   std::string out(key);
   if (key_type == PORTIER_PRESENCE_KEY_EMAIL)
      for (char &c : out)
         if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
   return std::to_string(key_type) + ":" + out;
}

bool PresenceTable::apply(std::string_view plugin, const portier_event_header &ev, bool source_stale, std::string &key) {
   if (ev.space != PORTIER_SPACE_PRESENCE || ev.type != PORTIER_PRESENCE_EV_STATE ||
       ev.struct_size < sizeof(portier_presence_event))
      return false;
   // The host copied struct_size bytes starting at the header, so the whole record is there.
   portier_presence_event record;
   std::memcpy(&record, &ev, sizeof record);
   key = presence_key(record.key_type, text_of(record.key));
   PresencePart part{record.availability, record.activity, text_of(record.activity_text), text_of(record.note),
                     std::string(plugin), record.confirmed_us, source_stale};
   const auto it = parts_.find(key);
   if (it == parts_.end()) {
      if (parts_.size() >= capacity_) return false;
      parts_.emplace(key, std::move(part));
      return true;
   }
   if (it->second == part) return false;
   it->second = std::move(part);
   return true;
}

const PresencePart *PresenceTable::find(const std::string &key) const {
   const auto it = parts_.find(key);
   return it == parts_.end() ? nullptr : &it->second;
}

}  // namespace portier::kernel
