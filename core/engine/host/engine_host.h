// SPDX-License-Identifier: GPL-3.0-or-later
// The engine inside portierd: owns the Engine, its trunk adapter and its timers; takes the
// kernel's plugin events, routes the trunk's to the engine, logs every engine event and sends it
// to client plugins, answers client plugins' engine commands (core/engine/api), and applies the
// configuration's engine data at start and after each reload. Engine thread only.
//
// The engine drives one trunk: the first plugin of kind "trunk" in configuration order that is
// started (running or limited). Further trunk plugins keep running, but their calls are not the
// engine's: their events are logged once and ignored, and they see no commands.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>
#include <portier/event.h>

#include "engine/host/engine_timers.h"
#include "engine/host/pbx_adapter.h"
#include "engine/host/trunk_adapter.h"
#include "engine/runtime/engine.h"
#include "engine/stats/stats_keeper.h"
#include "kernel/kernel.h"

namespace portier::engine {

class EngineHost {
  public:
   // Reads kernel.config().engine; call after Kernel::start().
   explicit EngineHost(kernel::Kernel &kernel);
   ~EngineHost();
   EngineHost(const EngineHost &) = delete;
   EngineHost &operator=(const EngineHost &) = delete;

   // For Kernel::set_event_sink.
   void on_plugin_event(const kernel::PluginSlot &from, const portier_event_header &ev);
   // After a reload attempt: new engine data for new calls (when `applied`), and the trunk found
   // again, since the reload may have restarted or removed it.
   void after_reload(bool applied);

   // One client-API command (docs/sdk/client-api.md), as client plugins send it; for the
   // control socket's `portier engine`.
   nlohmann::json command(const nlohmann::json &request);
   // Also hands every engine event's JSON to `observer` (the control socket's recent events).
   void set_event_observer(std::function<void(const nlohmann::json &)> observer) {
      event_observer_ = std::move(observer);
   }

   const Engine &engine() const { return *engine_; }
   Engine &engine() { return *engine_; }
   const std::string &trunk_id() const { return adapter_.plugin_id(); }
   // The pbx plugin whose forwarding the engine drives: the first started one of kind "pbx".
   const std::string &pbx_id() const { return pbx_adapter_.plugin_id(); }

  private:
   void on_engine_event(const EngineEvent &event);
   void on_command_failure(const CommandFailure &failure);
   // Attaches the adapter to the current trunk; a new trunk instance gets the media loaded, and
   // calls held on an instance that is gone are ended. True when it attached a new instance.
   bool refresh_trunk();
   // Attaches the pbx adapter to the current pbx plugin and hands it to the engine, which sends
   // a new instance the forwarding it wants. True when it attached a new instance.
   bool refresh_pbx();
   void load_media();

   kernel::Kernel &kernel_;
   EngineTimers timers_;
   TrunkAdapter adapter_;
   PbxAdapter pbx_adapter_;
   std::unique_ptr<Engine> engine_;
   std::unique_ptr<StatsKeeper> stats_;  // fed with every event; gone (all stored) before timers_
   // Instances are told apart by their slot's generation: a new one may reuse a freed address.
   std::uint64_t trunk_generation_ = 0;  // the trunk driven now, 0: none
   std::uint64_t no_table_ = 0;          // a trunk without portier.trunk/1, logged once
   std::uint64_t pbx_generation_ = 0;    // the pbx plugin driven now, 0: none
   std::uint64_t no_pbx_table_ = 0;      // a pbx plugin without portier.pbx/1, logged once
   std::string ignored_trunk_;  // a second trunk plugin, logged once
   std::function<void(const nlohmann::json &)> event_observer_;
};

}  // namespace portier::engine
