// SPDX-License-Identifier: GPL-3.0-or-later
// One simulated OpenScape Voice: its office, the CSTA server in front of it, and optionally a
// script and demo traffic, all on one io_context. The plugin runs it on its own thread, the
// program on its main thread; both build it the same way.
#pragma once

#include <cstdint>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "demo/demo_runner.h"
#include "office/office.h"
#include "runtime/sim_log.h"
#include "runtime/simulator_options.h"
#include "script/script.h"
#include "script/script_runner.h"
#include "server/csta_server.h"
#ifdef PORTIER_PBXSIM_SIP
#include "sip/sip_side.h"
#endif

namespace portier::pbxsim {

class Simulator {
public:
   Simulator(SimulatorOptions options, SimLog log);
   ~Simulator();  // stops and joins
   Simulator(const Simulator &) = delete;
   Simulator &operator=(const Simulator &) = delete;

   // Listens on 127.0.0.1 and prepares script and demo. Returns why it cannot ("port 1040 on
   // 127.0.0.1 is in use"), or nullopt. Call once, before run() or start_thread().
   std::optional<std::string> open();
   std::uint16_t port() const { return port_; }
   // The SIP side's port; 0 when it is off.
   std::uint16_t sip_port() const { return sip_port_; }

   // Runs on the calling thread until stop() (or the script's end with stop_after_script).
   void run();
   // Runs on a thread of its own; stop() joins it.
   void start_thread();
   // Any thread. Idempotent.
   void stop();

   boost::asio::io_context &io() { return io_; }

   // Runs `fn` on the simulator's thread (where office and server live) and returns its result.
   // Only while that thread runs.
   template <typename F>
   auto on_sim(F fn) -> decltype(fn()) {
      std::packaged_task<decltype(fn())()> task(std::move(fn));
      auto result = task.get_future();
      boost::asio::post(io_, [&task] { task(); });
      return result.get();
   }
   Office &office() { return office_; }
   CstaServer *server() { return server_.get(); }
   const DemoRunner *demo() const { return demo_.get(); }
   const ScriptRunner *script() const { return script_.get(); }
#ifdef PORTIER_PBXSIM_SIP
   SipSide *sip() { return sip_.get(); }
#endif

private:
   SimulatorOptions options_;
   SimLog log_;
   boost::asio::io_context io_;
   Office office_;
   std::unique_ptr<CstaServer> server_;
#ifdef PORTIER_PBXSIM_SIP
   std::unique_ptr<SipSide> sip_;
#endif
   std::unique_ptr<ScriptRunner> script_;
   std::unique_ptr<DemoRunner> demo_;
   std::thread thread_;
   std::uint16_t port_ = 0;
   std::uint16_t sip_port_ = 0;
};

}  // namespace portier::pbxsim
