// SPDX-License-Identifier: GPL-3.0-or-later
// Tells the engine thread when a pbx or trunk plugin's supervised state changes: these are the
// links (the PBX's CSTA link, the trunk's registration) whose health consoles show.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "kernel/engine_loop.h"
#include "kernel/plugin_slot.h"

namespace portier::kernel {

struct LinkChange {
   std::string kind;    // PORTIER_KIND_PBX or PORTIER_KIND_TRUNK
   std::string id;      // the plugin's id
   PluginState state = PluginState::stopped;
   std::string reason;  // as the plugin or the kernel gave it
};

class LinkWatch {
public:
   using Sink = std::function<void(const LinkChange &)>;

   explicit LinkWatch(EngineLoop &loop);
   ~LinkWatch();
   LinkWatch(const LinkWatch &) = delete;
   LinkWatch &operator=(const LinkWatch &) = delete;

   // Where changes go, on the engine thread; nullptr: nowhere. [engine]
   void set_sink(Sink sink);
   // For PluginSlot::on_state_change: posts each change of a pbx or trunk plugin to the engine
   // loop, in order; a change posted when the loop is full is dropped and logged. Changes
   // still queued when the watch is gone are dropped. Made [engine]; the hook runs [any].
   PluginSlot::StateHook hook() const;

private:
   struct Shared {
      Sink sink;
   };
   EngineLoop &loop_;
   std::shared_ptr<Shared> shared_ = std::make_shared<Shared>();
};

}  // namespace portier::kernel
