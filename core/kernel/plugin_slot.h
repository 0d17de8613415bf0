// SPDX-License-Identifier: GPL-3.0-or-later
// One configured plugin at run time: its library, its instance, its supervised state.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include <portier/host.h>
#include <portier/plugin.h>

#include "kernel/config.h"
#include "kernel/plugin_library.h"
#include "kernel/plugin_status.h"

namespace portier::kernel {

class Kernel;

// The supervised state of a plugin (the host-side view of PORTIER_STATE_*).
enum class PluginState { running, limited, stopped, failed };

// The reasons the host itself gives for a stopped plugin.
inline constexpr const char *kStoppedByPortierd = "portierd stopped it";
inline constexpr const char *kDisabledByConfiguration = "disabled in the configuration";
const char *state_name(PluginState s);
// A fresh PluginSlot::generation, never 0. [engine]
std::uint64_t next_plugin_generation();

// Where the instance is in its lifecycle; decides which host calls are allowed.
enum class Phase { none, created, started, stopped };

struct PluginSlot;

}  // namespace portier::kernel

// The host's per-instance context. Declared by the SDK as an opaque type in the global
// namespace; defined here. Lives from create() until destroy() has returned.
struct portier_host_ctx {
   portier::kernel::Kernel *kernel = nullptr;
   portier::kernel::PluginSlot *slot = nullptr;
   // What plugin threads may read without the engine's help; fixed for the instance's life or
   // atomic, since a reload may replace the slot's entry while they run.
   std::string id;
   std::atomic<bool> creating{false};   // inside create(): only log is allowed
   std::atomic<bool> started{false};    // start() returned OK and stop() has not been called
   // Cleared when stop() returns: later callbacks are refused and anything queued is dropped.
   std::shared_ptr<std::atomic<bool>> alive = std::make_shared<std::atomic<bool>>(true);
   std::mutex timers_mutex;
   std::set<std::uint64_t> timers;   // live timers, cancelled at stop
   std::vector<portier::kernel::SecretRef> secrets;  // fixed for the instance's life
};

namespace portier::kernel {

struct PluginSlot {
   PluginEntry entry;                 // as configured
   std::optional<PluginLibrary> library;
   portier_instance *instance = nullptr;
   Phase phase = Phase::none;
   std::unique_ptr<portier_host_ctx> ctx;
   portier_host host{};               // the services table handed to this instance

   std::uint64_t events = 0;          // engine thread only
   // Which started instance this is: set at each start, unique among all slots for the life of
   // the process, since a new instance may reuse the address of one that is gone. 0: none yet.
   std::uint64_t generation = 0;

   // Supervision; written from any thread through report_state.
   mutable std::mutex state_mutex;
   PluginState state = PluginState::stopped;
   std::string reason;
   std::string since;                 // ISO 8601 UTC

   // Told of each change set_state makes, on the thread that made it, after state_mutex is
   // released; must not block. Set by the kernel when it makes the slot (link_watch.h). [any]
   using StateHook = std::function<void(const PluginSlot &slot, PluginState s, const std::string &why)>;
   StateHook on_state_change;

   void set_state(PluginState s, std::string why);
   PluginStatus status() const;
};

}  // namespace portier::kernel
