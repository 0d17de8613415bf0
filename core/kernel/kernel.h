// SPDX-License-Identifier: GPL-3.0-or-later
// The kernel: plugins from the configuration, loaded, vetted, started in order, supervised,
// reconfigured by publish, and stopped in reverse. Every member runs on the engine thread.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>
#include <portier/event.h>

#include "kernel/admin_commands.h"
#include "kernel/config.h"
#include "kernel/contact_states.h"
#include "kernel/device_board.h"
#include "kernel/directory_sync.h"
#include "kernel/engine_loop.h"
#include "kernel/forwarding_board.h"
#include "kernel/forwarding_commands.h"
#include "kernel/link_watch.h"
#include "kernel/log_on.h"
#include "kernel/plugin_slot.h"
#include "kernel/plugin_status.h"
#include "kernel/session_commands.h"

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
   // What the client command config_reload runs (admin_commands.h); portierd sets its reload.
   void set_config_reloader(ConfigReloader reloader) { config_reloader_ = std::move(reloader); }
   // Told on the engine thread of each state change of a pbx or trunk plugin (link_watch.h).
   void set_link_sink(LinkWatch::Sink sink) { link_watch_.set_sink(std::move(sink)); }
   // Delivers `message` (an event, request id 0) to every started client plugin. [engine]
   void deliver_to_clients(const nlohmann::json &message);
   // The last reported state of every monitored device, per pbx plugin (`portier lamps`).
   const DeviceBoard &device_board() const { return board_; }
   // The phone book's sync jobs, or nullptr when the directory section configures none or its
   // database cannot be opened (directory_service.cpp).
   DirectorySync *directory() { return directory_.get(); }
   // Answers a directory_* command (directory_commands.h) with the answer's fields; for client
   // plugins through handle_client_request and for the control channel's `engine` request. [engine]
   nlohmann::json answer_directory_request(const nlohmann::json &request);
   // Forwarding of every device a pbx plugin reported features for (forwarding_board.h).
   const ForwardingBoard &forwarding_board() const { return forwarding_board_; }
   // Runs a set_forwarding / clear_forwarding command (forwarding_commands.h: the same checks,
   // PBX call and audit row as a console's); `answer` gets the answer's fields exactly once, when
   // the PBX has answered or the guard time ran out. For the control channel's `engine`
   // request. [engine]
   void answer_forwarding_command(const nlohmann::json &request, std::function<void(nlohmann::json)> answer);

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
   // plugin_status, config_check, config_reload (admin_commands.cpp); a reload may replace
   // `slot`, so the answer goes to the same started instance or nowhere.
   void answer_admin_command(PluginSlot &slot, std::uint64_t request_id, const std::string &type);
   // Adds "type" and "request_id" and hands the answer to the client plugin in `slot`.
   void deliver_answer(PluginSlot &slot, std::uint64_t request_id, nlohmann::json answer);
   // The phone book (directory_service.cpp): sources that name a plugin of another kind are
   // configuration errors; the sync jobs start once the plugins run; commands are answered here.
   void check_directory_sources(std::vector<ConfigError> &errors) const;
   void start_directory();
   // Live contact state (presence_service.cpp): the presence section must name a presence
   // plugin; the states start after the phone book; presence and device events reach them.
   void check_presence_plugin(std::vector<ConfigError> &errors) const;
   void start_contact_states();
   void contact_state_event(PluginSlot &slot, const portier_event_header &ev);
   // set_forwarding / clear_forwarding (forwarding_service.cpp): answered when the PBX has.
   void answer_forwarding_request(PluginSlot &slot, std::uint64_t request_id, const nlohmann::json &request);
   // A directory_contact answer gains "forwarding" when a pbx plugin reports the contact's device.
   void add_forwarding(nlohmann::json &answer) const;
   std::vector<PbxLink> pbx_links() const;

   EngineLoop &loop_;
   Config config_;
   std::vector<std::unique_ptr<PluginSlot>> slots_;   // in configuration order
   EventSink event_sink_;
   ClientHandler client_handler_;
   ConfigReloader config_reloader_;
   DeviceBoard board_;
   ForwardingBoard forwarding_board_;
   std::unique_ptr<ForwardingCommands> forwarding_;  // made at the first forwarding command
   std::unique_ptr<LogOn> log_on_;  // made at the first log-on command; owns the password worker
   std::unique_ptr<SessionCommands> sessions_;  // made at the first session_save/_drop/_list
   std::optional<numbers::NumberPlan> plan_;      // the master site's, for the phone book
   std::unique_ptr<DirectorySync> directory_;     // made by start(), gone before plugins stop
   std::unique_ptr<ContactStates> contact_states_;  // made after directory_, gone before it
   LinkWatch link_watch_{loop_};                  // hooked into every slot by make_slot
};

// Start rank by kind: simulators and other services first (a PBX link needs its simulated PBX
// listening), then the links, then the sources, clients last so that no attendant sees a
// half-started system.
int kind_start_rank(const std::string &kind);

}  // namespace portier::kernel
