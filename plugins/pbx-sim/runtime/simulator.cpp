// SPDX-License-Identifier: GPL-3.0-or-later
#include "runtime/simulator.h"

#include <algorithm>

namespace portier::pbxsim {
namespace {

// The provider service's second legs come into the office from the trunk; a caller the office
// does not know comes in as the first CPS number, which the office must know as outside party.
SimulatorOptions with_trunk_party(SimulatorOptions options) {
   if (!options.sip.enabled || options.sip.cps_numbers.empty()) return options;
   const std::string &first = options.sip.cps_numbers.front();
   const std::string party = first.substr(0, first.find(".."));
   auto &outside = options.office.external_numbers;
   bool known = std::find(outside.begin(), outside.end(), party) != outside.end();
   for (const ExtensionSpec &e : options.office.extensions) known = known || e.number == party;
   if (!known) outside.push_back(party);
   return options;
}

}  // namespace

Simulator::Simulator(SimulatorOptions options, SimLog log)
    : options_(with_trunk_party(std::move(options))), log_(std::move(log)), office_(options_.office) {}

Simulator::~Simulator() {
   stop();
   // Handlers of script, demo and server hold only weak liveness flags; the io_context is
   // stopped, so none runs while they go.
   demo_.reset();
   script_.reset();
#ifdef PORTIER_PBXSIM_SIP
   sip_.reset();
#endif
   server_.reset();
}

std::optional<std::string> Simulator::open() {
   try {
      CstaServerOptions server_options;
      server_options.port = options_.port;
      server_ = std::make_unique<CstaServer>(io_, office_, server_options);
   } catch (const boost::system::system_error &e) {
      return "cannot listen on 127.0.0.1:" + std::to_string(options_.port) + ": " + e.code().message();
   }
   port_ = server_->port();
   if (options_.sip.enabled) {
#ifdef PORTIER_PBXSIM_SIP
      sip_ = std::make_unique<SipSide>(io_, office_, options_.office, options_.sip, log_);
      if (auto failed = sip_->open()) {
         sip_.reset();
         return "SIP side: " + *failed;
      }
      sip_port_ = sip_->port();
      log_(SimLogLevel::info, "sip on 127.0.0.1:" + std::to_string(sip_port_) + ", trunk register id " +
                                  options_.sip.trunk.register_id);
#else
      return std::string("the SIP side is not built (lib-sip or lib-media missing)");
#endif
   }
   if (!options_.script.empty() || options_.stop_after_script) {
      std::function<void()> done;
      if (options_.stop_after_script) done = [this] { io_.stop(); };
      script_ = std::make_unique<ScriptRunner>(io_, office_, *server_, options_.script, log_, std::move(done));
#ifdef PORTIER_PBXSIM_SIP
      script_->use_sip(sip_.get());
#endif
      script_->start();
   }
   if (options_.demo) {
      demo_ = std::make_unique<DemoRunner>(io_, office_, *server_, options_.office, options_.traffic, log_);
#ifdef PORTIER_PBXSIM_SIP
      if (sip_) demo_->use_sip(sip_.get());
#endif
      demo_->start();
   }
   log_(SimLogLevel::info, "office with " + std::to_string(options_.office.extensions.size()) + " extensions and " +
                               std::to_string(options_.office.external_numbers.size()) + " outside numbers" +
                               (options_.demo ? ", demo traffic on" : "") +
                               (options_.script.empty() ? "" : ", script of " + std::to_string(options_.script.size()) + " steps"));
   return std::nullopt;
}

void Simulator::run() { io_.run(); }

void Simulator::start_thread() {
   thread_ = std::thread([this] { io_.run(); });
}

void Simulator::stop() {
   io_.stop();
   if (thread_.joinable() && thread_.get_id() != std::this_thread::get_id()) thread_.join();
}

}  // namespace portier::pbxsim
