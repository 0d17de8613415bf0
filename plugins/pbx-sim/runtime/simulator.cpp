// SPDX-License-Identifier: GPL-3.0-or-later
#include "runtime/simulator.h"

namespace portier::pbxsim {

Simulator::Simulator(SimulatorOptions options, SimLog log)
    : options_(std::move(options)), log_(std::move(log)), office_(options_.office) {}

Simulator::~Simulator() {
   stop();
   // Handlers of script, demo and server hold only weak liveness flags; the io_context is
   // stopped, so none runs while they go.
   demo_.reset();
   script_.reset();
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
   if (!options_.script.empty() || options_.stop_after_script) {
      std::function<void()> done;
      if (options_.stop_after_script) done = [this] { io_.stop(); };
      script_ = std::make_unique<ScriptRunner>(io_, office_, *server_, options_.script, log_, std::move(done));
      script_->start();
   }
   if (options_.demo) {
      demo_ = std::make_unique<DemoRunner>(io_, office_, *server_, options_.office, options_.traffic, log_);
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
