// SPDX-License-Identifier: GPL-3.0-or-later
// A kernel on a real clock for run_fused.py: loads the configuration file given as the argument,
// prepares and starts its plugins, then answers the directory commands it reads from stdin (one
// JSON request a line) with one line "answer JSON" each; "quit" stops the plugins and exits.
// Events for client plugins go to the recording client plugin named in the configuration.
#include <cstdio>
#include <iostream>
#include <string>
#include <thread>

#include <nlohmann/json.hpp>

#include "kernel/clock.h"
#include "kernel/config.h"
#include "kernel/engine_loop.h"
#include "kernel/kernel.h"

using namespace portier::kernel;

int main(int argc, char **argv) {
   if (argc != 2) {
      std::fprintf(stderr, "usage: %s CONFIG\n", argv[0]);
      return 2;
   }
   auto loaded = load_config_file(argv[1]);
   for (const auto &e : loaded.errors) std::fprintf(stderr, "%s\n", e.to_string().c_str());
   if (!loaded.config) return 1;
   SteadyClock clock;
   EngineLoop loop(clock, 65536);
   Kernel kernel(loop, *loaded.config);
   const auto errors = kernel.prepare();
   for (const auto &e : errors) std::fprintf(stderr, "%s\n", e.to_string().c_str());
   if (!errors.empty()) return 1;
   // stdin is read on its own thread; every request is answered on the engine thread.
   std::thread reader([&] {
      for (std::string line; std::getline(std::cin, line);) {
         if (line == "quit") break;
         loop.post([&kernel, line] {
            const auto request = nlohmann::json::parse(line, nullptr, false);
            const nlohmann::json answer = request.is_object() ? kernel.answer_directory_request(request)
                                                              : nlohmann::json{{"ok", false}, {"error", "not JSON"}};
            std::printf("answer %s\n", answer.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
            std::fflush(stdout);
         });
      }
      loop.post([&] {
         kernel.stop();
         loop.stop();
      });
   });
   loop.post([&] {
      kernel.start();
      std::printf("ready\n");
      std::fflush(stdout);
   });
   loop.run();
   reader.join();
   return 0;
}
