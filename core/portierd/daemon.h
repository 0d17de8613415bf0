// SPDX-License-Identifier: GPL-3.0-or-later
// portierd's run: store, kernel, engine, control socket and signals around one engine loop.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include <boost/asio/signal_set.hpp>
#include <nlohmann/json.hpp>

#include "control/control_server.h"
#include "control/engine_request.h"
#include "control/event_history.h"
#include "engine/host/engine_host.h"
#include "kernel/config.h"
#include "kernel/engine_loop.h"
#include "kernel/kernel.h"
#include "kernel/store.h"

namespace portier::daemon {

class Daemon {
public:
   explicit Daemon(kernel::Config config, std::string config_text);
   // Opens the store and the control socket, vets the plugins and starts them; false (with the
   // reasons logged) when the daemon cannot run at all.
   bool open();
   // Runs the engine loop on this thread until stop.
   void run();

private:
   void on_hup_or_stop(const boost::system::error_code &ec, int signo);
   void handle(const nlohmann::json &request, control::Reply reply);
   nlohmann::json reload();
   // {"ok":true,"lamps":[{"plugin","device","state","forward_to","since"}...]}
   nlohmann::json lamps_answer() const;
   // {"cmd":"engine",...}: one client-API command, or the recent engine events (engine_request.h).
   nlohmann::json engine_answer(const nlohmann::json &request);
   // An engine request whose command is set_forwarding / clear_forwarding goes to the kernel and
   // is replied to once the PBX has answered: true. Any other request: false, nothing replied.
   bool forwarding_answer(const nlohmann::json &request, const control::Reply &reply);
   void record_publish(const std::string &text, const std::string &outcome, const std::string &message);

   kernel::SteadyClock clock_;
   kernel::Config config_;
   std::string config_text_;
   std::string started_;
   kernel::EngineLoop loop_;
   std::optional<kernel::Store> store_;
   std::unique_ptr<kernel::Kernel> kernel_;
   control::EventHistory engine_events_;  // the last engine events, for `portier engine --events`; outlives engine_
   std::unique_ptr<engine::EngineHost> engine_;  // created after the kernel starts, gone before it stops
   std::unique_ptr<control::ControlServer> control_;
   boost::asio::signal_set signals_;
};

}  // namespace portier::daemon
