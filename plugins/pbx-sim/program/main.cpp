// SPDX-License-Identifier: GPL-3.0-or-later
// portier-pbxsim: the simulated OpenScape Voice as a program, for tests and demos without
// portierd. Same simulator as the pbx.sim plugin.
#include <chrono>
#include <cstdio>
#include <ctime>
#include <iostream>
#include <string>
#include <vector>

#include "program/options.h"
#include "runtime/simulator.h"

namespace {

void log_line(portier::pbxsim::SimLogLevel level, std::string_view line, bool verbose) {
   using portier::pbxsim::SimLogLevel;
   if (level == SimLogLevel::debug && !verbose) return;
   static constexpr const char *kNames[] = {"debug", "info", "warning", "error"};
   const auto now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
   std::tm local{};
   localtime_r(&now, &local);
   char stamp[32];
   std::strftime(stamp, sizeof stamp, "%H:%M:%S", &local);
   std::cerr << stamp << " pbxsim " << kNames[static_cast<int>(level)] << ": " << line << '\n';
}

}  // namespace

int main(int argc, char **argv) {
   using namespace portier::pbxsim;
   const std::vector<std::string> args(argv + 1, argv + argc);
   OptionsResult parsed = parse_options(args);
   if (!parsed.error.empty()) {
      std::cerr << "portier-pbxsim: " << parsed.error << '\n';
      return 2;
   }
   if (parsed.options.help) {
      std::cout << kUsage;
      return 0;
   }
   const bool verbose = parsed.options.verbose;
   try {
      Simulator sim(std::move(parsed.options.sim),
                    [verbose](SimLogLevel level, std::string_view line) { log_line(level, line, verbose); });
      if (auto failed = sim.open()) {
         std::cerr << "portier-pbxsim: " << *failed << '\n';
         return 1;
      }
      boost::asio::signal_set signals(sim.io(), SIGINT, SIGTERM);
      signals.async_wait([&sim](const boost::system::error_code &ec, int number) {
         if (ec) return;
         log_line(SimLogLevel::info, "signal " + std::to_string(number) + ": stopping", false);
         sim.stop();
      });
      std::cout << "listening on 127.0.0.1:" << sim.port() << std::endl;
      if (sim.sip_port() != 0) std::cout << "sip on 127.0.0.1:" << sim.sip_port() << std::endl;
      sim.run();
   } catch (const std::exception &e) {
      std::cerr << "portier-pbxsim: " << e.what() << '\n';
      return 1;
   }
   return 0;
}
