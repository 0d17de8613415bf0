// SPDX-License-Identifier: GPL-3.0-or-later
// pbx.sim: the simulated OpenScape Voice as a `service` plugin. The simulator runs on its own
// I/O thread; start fails with the reason when its port is taken, stop joins the thread.
#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include <portier/kind/service.h>
#include <portier/portier.hpp>

#include "plugin/config.h"
#include "runtime/simulator.h"

namespace portier::pbxsim {
namespace {

class PbxSim : public Plugin<PbxSim> {
public:
   static Result<void> validate(std::string_view json) {
      auto config = read_plugin_config(json);
      if (!config.ok()) return config.error();
      return ok();
   }

   static Result<std::unique_ptr<PbxSim>> create(Host host, std::string_view json) {
      auto config = read_plugin_config(json);
      if (!config.ok()) return config.error();
      return std::make_unique<PbxSim>(host, std::move(config).value());
   }

   explicit PbxSim(Host, SimulatorOptions options) : options_(std::move(options)) {}

   Result<void> start() {
      // The log callback runs on the simulator's thread; host log is [any].
      Host log_host = host();
      auto sim = std::make_unique<Simulator>(options_, [log_host](SimLogLevel level, std::string_view line) {
         switch (level) {
         case SimLogLevel::debug: log_host.debug(line); break;
         case SimLogLevel::info: log_host.info(line); break;
         case SimLogLevel::warning: log_host.warn(line); break;
         case SimLogLevel::error: log_host.error(line); break;
         }
      });
      if (auto failed = sim->open()) return portier::error(PORTIER_ERR_UNAVAILABLE, *failed);
      sim->start_thread();
      sim_ = std::move(sim);
      host().info("simulated OpenScape Voice listening on 127.0.0.1:" + std::to_string(sim_->port()));
      std::string state = "CSTA on 127.0.0.1:" + std::to_string(sim_->port());
      if (sim_->sip_port() != 0) {
         host().info("simulated OpenScape Voice: sip on 127.0.0.1:" + std::to_string(sim_->sip_port()));
         state += ", SIP on 127.0.0.1:" + std::to_string(sim_->sip_port());
      }
      return host().report_state(PORTIER_STATE_RUNNING, state);
   }

   void stop() { sim_.reset(); }

private:
   SimulatorOptions options_;
   std::unique_ptr<Simulator> sim_;
};

constexpr PluginInfo kInfo{
    "pbx.sim",                                                       // id
    PORTIER_KIND_SERVICE,                                            // kind
    "Simulated OpenScape Voice",                                     // name
    "0.1.0",                                                         // version
    "Portier",                                                       // vendor
    "",                                                              // url
    "",                                                              // support_url
    "GPL-3.0-or-later",                                              // license
    "A simulated OpenScape Voice on 127.0.0.1 (CSTA XML): an office whose phones ring, answer and "
    "hang up, driven by a script or free-running demo traffic.",     // description
    nullptr,                                                         // features
    nullptr,                                                         // required_services
};

}  // namespace
}  // namespace portier::pbxsim

PORTIER_PLUGIN_EX(portier::pbxsim::PbxSim, portier::pbxsim::kInfo)
