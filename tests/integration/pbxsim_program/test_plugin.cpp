// SPDX-License-Identifier: GPL-3.0-or-later
// pbx.sim under a fake host, with the real pbx.osv connected to it.
#include <string>

#include <utility>  // before asio: Boost 1.74 misses it under C++20

#include <boost/asio.hpp>
#include <catch2/catch.hpp>

#include "osv_client.h"

using simprog::LoadedPlugin;
using simprog::OsvClient;

namespace {

// The port pbx.sim reported in its RUNNING reason ("CSTA on 127.0.0.1:PORT").
std::uint16_t reported_port(test::TestHost &host) {
   auto states = host.states();
   REQUIRE(!states.empty());
   REQUIRE(states.back().first == PORTIER_STATE_RUNNING);
   const std::string &reason = states.back().second;
   const auto colon = reason.rfind(':');
   REQUIRE(colon != std::string::npos);
   return static_cast<std::uint16_t>(std::stoi(reason.substr(colon + 1)));
}

}  // namespace

TEST_CASE("pbx.sim starts on a free port, serves pbx.osv its demo calls and stops") {
   LoadedPlugin sim(PBX_SIM_PLUGIN);
   std::string why;
   REQUIRE(sim.start(R"({"port":0,"demo":true,"demo_every_ms":200,"seed":3})", why) == PORTIER_OK);
   const std::uint16_t port = reported_port(sim.host);
   CHECK(port != 0);

   OsvClient client(port);
   REQUIRE(client.wait_running());
   const char *users[] = {"+49897007200", "+49897007201", "+49897007202", "+49897007204", "+49897007205",
                          "+49897007206", "+49897007207", "+49897007208", "+49897007210", "+49897007211"};
   std::uint64_t correlation = 1;
   for (const char *user : users) client.monitor(user, correlation++);
   const bool calls = client.osv.host.wait([&] {
      for (const char *user : users) {
         if (!client.calls_at(user).empty()) return true;
      }
      return false;
   }, std::chrono::seconds(15));
   CHECK(calls);
   client.osv.stop();
   sim.stop();
}

TEST_CASE("pbx.sim fails to start with the reason when its port is taken") {
   boost::asio::io_context io;
   boost::asio::ip::tcp::acceptor taken(io, {boost::asio::ip::make_address("127.0.0.1"), 0});
   const auto port = taken.local_endpoint().port();
   LoadedPlugin sim(PBX_SIM_PLUGIN);
   std::string why;
   CHECK(sim.start("{\"port\":" + std::to_string(port) + "}", why) == PORTIER_ERR_UNAVAILABLE);
   CHECK(why.find("cannot listen on 127.0.0.1:" + std::to_string(port)) != std::string::npos);
}

TEST_CASE("pbx.sim refuses settings naming the bad key, and never both office and office_file") {
   LoadedPlugin sim(PBX_SIM_PLUGIN);
   std::string why;
   CHECK(sim.validate(R"({"office":{"extensions":[{"number":"100","kind":"boss"}]}})", why) == PORTIER_ERR_CONFIG);
   CHECK(why.find("settings.office.extensions[0].kind: expected attendant or office_user, got 'boss'") !=
         std::string::npos);
   CHECK(sim.validate(R"({"office":{"extensions":[{"number":"100"}]},"office_file":"x.yaml"})", why) ==
         PORTIER_ERR_CONFIG);
   CHECK(why.find("either 'office' or 'office_file'") != std::string::npos);
   CHECK(sim.validate(R"({"script":"/nonexistent.script"})", why) == PORTIER_ERR_CONFIG);
   CHECK(why.find("settings.script: /nonexistent.script: cannot be read") != std::string::npos);
   CHECK(sim.validate(R"({"prot":1040})", why) == PORTIER_ERR_CONFIG);
   CHECK(sim.validate(R"({"port":1040,"demo":true,"seed":9})", why) == PORTIER_OK);
}
