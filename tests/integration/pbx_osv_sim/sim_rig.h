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

#include "plugin_under_test.h"

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

// The real pbx.osv plugin under the fake host, connected to its own simulator.
struct Rig : test::PluginUnderTest {
   explicit Rig(int extra_extensions = 0);
   ~Rig();

   Sim sim;
};

}  // namespace simtest
