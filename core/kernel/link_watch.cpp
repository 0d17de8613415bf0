// SPDX-License-Identifier: GPL-3.0-or-later
#include "kernel/link_watch.h"

#include <cstring>

#include <portier/kind/pbx.h>
#include <portier/kind/trunk.h>

#include "kernel/log.h"

namespace portier::kernel {
namespace {

// The library is set before the instance exists and never changes while it runs, so a plugin
// thread inside report_state may read the kind.
const char *link_kind(const PluginSlot &slot)
{
   if (!slot.library || slot.library->descriptor.kind == nullptr) return nullptr;
   const char *kind = slot.library->descriptor.kind;
   if (std::strcmp(kind, PORTIER_KIND_PBX) == 0) return PORTIER_KIND_PBX;
   if (std::strcmp(kind, PORTIER_KIND_TRUNK) == 0) return PORTIER_KIND_TRUNK;
   return nullptr;
}

}  // namespace

LinkWatch::LinkWatch(EngineLoop &loop) : loop_(loop) {}

LinkWatch::~LinkWatch() = default;

void LinkWatch::set_sink(Sink sink)
{
   shared_->sink = std::move(sink);
}

PluginSlot::StateHook LinkWatch::hook() const
{
   return [&loop = loop_, weak = std::weak_ptr<Shared>(shared_)](const PluginSlot &slot, PluginState state,
                                                                  const std::string &reason) {
      const char *kind = link_kind(slot);
      if (kind == nullptr) return;
      LinkChange change{kind, slot.entry.id, state, reason};
      const std::string id = change.id;
      const bool queued = loop.post([weak, change = std::move(change)] {
         const auto shared = weak.lock();
         if (shared && shared->sink) shared->sink(change);
      });
      if (!queued) log(LogLevel::warning, id, "engine queue full: link state change not passed on");
   };
}

}  // namespace portier::kernel
