// SPDX-License-Identifier: GPL-3.0-or-later
// The simulator (office + CSTA server on its own thread) and the real pbx.osv plugin loaded
// through its descriptor with the fake host, connected to it.
#pragma once

#include <cstdint>
#include <functional>
#include <future>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "server/csta_server.h"

#include <portier/kind/pbx.h>
#include <portier/portier.h>

#include "test_host.h"

namespace simtest {

// 100 (attendant), 200 (answers by itself after 200 ms), 300, and `extra` extensions from 7000.
portier::pbxsim::OfficeSpec office_spec(int extra = 0);

class Sim {
public:
   explicit Sim(portier::pbxsim::OfficeSpec spec);
   ~Sim();
   std::uint16_t port() const { return server.port(); }
   // Runs `fn` on the server's thread, where the office may be touched, and returns its result.
   template <typename F>
   auto on_sim(F fn) -> decltype(fn()) {
      std::packaged_task<decltype(fn())()> task(std::move(fn));
      auto result = task.get_future();
      boost::asio::post(io, [&task] { task(); });
      return result.get();
   }

   boost::asio::io_context io;
   portier::pbxsim::Office office;
   portier::pbxsim::CstaServer server;

private:
   std::thread thread_;
};

struct Rig {
   explicit Rig(int extra_extensions = 0);
   ~Rig();

   bool running();
   void wait_running();
   std::vector<portier_pbx_result_event> results(std::uint64_t correlation);
   portier_pbx_result_event result(std::uint64_t correlation);
   void monitor(const char *device, std::uint64_t correlation);
   std::vector<portier_pbx_call_event> calls_at(const std::string &device);
   std::vector<std::int32_t> states_of(const std::string &device);
   bool state_is(const std::string &device, std::int32_t state);

   Sim sim;
   test::TestHost host;
   void *library = nullptr;
   const portier_plugin *plugin = nullptr;
   portier_instance *inst = nullptr;
   const portier_pbx_v1 *pbx = nullptr;
};

}  // namespace simtest
