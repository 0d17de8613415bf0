// SPDX-License-Identifier: GPL-3.0-or-later
#include "kernel/plugin_slot.h"

#include "kernel/log.h"
#include "kernel/wall_time.h"

namespace portier::kernel {

const char *state_name(PluginState s)
{
   switch (s) {
   case PluginState::running: return "running";
   case PluginState::limited: return "limited";
   case PluginState::stopped: return "stopped";
   case PluginState::failed: return "failed";
   }
   return "failed";
}

std::uint64_t next_plugin_generation()
{
   static std::uint64_t last = 0;  // engine thread only, as every start
   return ++last;
}

void PluginSlot::set_state(PluginState s, std::string why)
{
   std::unique_lock lock(state_mutex);
   if (s == state && why == reason && !since.empty()) {
      return;
   }
   state = s;
   reason = std::move(why);
   const std::string told = reason;
   since = utc_now_iso();
   // Stopping on request or by configuration is routine; a plugin dropping out is not.
   const bool routine = s == PluginState::running || reason == kStoppedByPortierd ||
                        reason == kDisabledByConfiguration;
   const LogLevel level = routine ? LogLevel::info
                          : (s == PluginState::failed) ? LogLevel::error
                                                       : LogLevel::warning;
   log(level, entry.id, std::string("state ") + state_name(s) + (reason.empty() ? "" : ": " + reason));
   lock.unlock();
   if (on_state_change) on_state_change(*this, s, told);
}

PluginStatus PluginSlot::status() const
{
   PluginStatus st;
   st.id = entry.id;
   st.plugin = entry.plugin;
   if (library) {
      st.kind = library->descriptor.kind;
      st.name = library->descriptor.name;
      st.version = library->descriptor.version;
      st.file = library->path.string();
   } else {
      st.file = entry.file;
   }
   st.events = events;
   std::lock_guard lock(state_mutex);
   st.state = state_name(state);
   st.reason = reason;
   st.since = since;
   return st;
}

}  // namespace portier::kernel
