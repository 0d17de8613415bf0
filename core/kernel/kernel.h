// SPDX-License-Identifier: GPL-3.0-or-later
// The kernel: plugins from the configuration, loaded, vetted, started in order, supervised,
// reconfigured by publish, and stopped in reverse. Every member runs on the engine thread.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>
#include <portier/event.h>

#include "kernel/config.h"
#include "kernel/device_board.h"
#include "kernel/engine_loop.h"
#include "kernel/log_on.h"
#include "kernel/plugin_slot.h"
#include "kernel/plugin_status.h"

namespace portier::kernel {

struct ReloadResult {
   bool applied = false;
   std::vector<std::string> errors;    // why nothing changed ("FILE:LINE:COL: ..." where known)
   std::vector<std::string> changes;   // what changed, one line each ("started 'hello'")
};

class Kernel {
public:
   // Receives every event a plugin posts, on the engine thread. The record is borrowed.
   using EventSink = std::function<void(const PluginSlot &from, const portier_event_header &ev)>;

   Kernel(EngineLoop &loop, Config config);
   ~Kernel();
   Kernel(const Kernel &) = delete;
   Kernel &operator=(const Kernel &) = delete;

   // Maps and vets every enabled plugin and runs its validate_config. Load refusals leave the
   // plugin `failed` and the rest going; settings a plugin rejects are configuration errors
   // (returned, with the position of the entry's settings), and then nothing may start.
   std::vector<ConfigError> prepare();
   // Creates and starts the prepared plugins in dependency order.
   void start();
   // Stops and destroys every instance, in reverse start order.
   void stop();
   // Publishes a new configuration: all checks first, then one step; or nothing changes.
   ReloadResult reload(const Config &next);

   std::vector<PluginStatus> status() const;
   // The slot of the configured plugin `id`, or nullptr; for the engine to reach a plugin's
   // interfaces once it runs.
   PluginSlot *find(std::string_view id);
   const Config &config() const { return config_; }
   EngineLoop &loop() { return loop_; }
   void set_event_sink(EventSink sink) { event_sink_ = std::move(sink); }
   // Answers client requests the kernel does not know itself ("status" it does): the engine's
   // commands. Gets the parsed request, returns the answer's fields (the kernel adds "type" and
   // "request_id"). Without a handler such requests are answered "unknown request type".
   using ClientHandler = std::function<nlohmann::json(const nlohmann::json &request)>;
   void set_client_handler(ClientHandler handler) { client_handler_ = std::move(handler); }
   // Delivers `message` (an event, request id 0) to every started client plugin. [engine]
   void deliver_to_clients(const nlohmann::json &message);
   // The last reported state of every monitored device, per pbx plugin (`portier lamps`).
   const DeviceBoard &device_board() const { return board_; }

   // Called by the host services (host_services.cpp) on the engine thread.
   void deliver_event(PluginSlot &slot, const portier_event_header &ev);
   // Answers at once, or later for a log-on whose password is checked on the worker (log_on.h);
   // a late answer goes to the slot only while the same started instance is in it.
   void handle_client_request(PluginSlot &slot, std::uint64_t request_id, const std::string &json);

private:
   std::unique_ptr<PluginSlot> make_slot(const PluginEntry &entry) const;
   void start_slot(PluginSlot &slot);
   void stop_slot(PluginSlot &slot);
   std::vector<PluginSlot *> start_order();
   // Adds "type" and "request_id" and hands the answer to the client plugin in `slot`.
   void deliver_answer(PluginSlot &slot, std::uint64_t request_id, nlohmann::json answer);

   EngineLoop &loop_;
   Config config_;
   std::vector<std::unique_ptr<PluginSlot>> slots_;   // in configuration order
   EventSink event_sink_;
   ClientHandler client_handler_;
   DeviceBoard board_;
   std::unique_ptr<LogOn> log_on_;  // made at the first log-on command; owns the password worker
};

// Start rank by kind: simulators and other services first (a PBX link needs its simulated PBX
// listening), then the links, then the sources, clients last so that no attendant sees a
// half-started system.
int kind_start_rank(const std::string &kind);

}  // namespace portier::kernel
