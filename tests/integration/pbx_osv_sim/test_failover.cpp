// SPDX-License-Identifier: GPL-3.0-or-later
// Geo-separated OpenScape Voice: pbx.osv finds its nodes through DNS SRV at a real DNS server
// (dnsmasq on 127.0.0.1) and fails over between two simulated nodes.
#include <memory>
#include <string>

#include <catch2/catch.hpp>

#include "local_dns.h"
#include "osv_driver.h"
#include "sim_rig.h"

namespace {

using simtest::Driver;
using simtest::LocalDns;
using simtest::Sim;

constexpr char kDomain[] = "osv.test";
constexpr char kService[] = "HiPath8000CSTASM._tcp.osv.test";

// --srv-host=<name>,<target>,<port>,<priority>,<weight>
std::string srv(const std::string &target, std::uint16_t port, int priority) {
   return "--srv-host=" + std::string(kService) + "," + target + "," + std::to_string(port) + "," +
          std::to_string(priority) + ",0";
}

std::string settings_for(const LocalDns &dns, const std::string &domain = kDomain) {
   return "{\"domain\":\"" + domain + "\",\"dns_server\":\"" + dns.address() +
          "\",\"reconnect_min_ms\":100,\"reconnect_max_ms\":400,\"request_timeout_ms\":2000}";
}

bool skip_without_dnsmasq() {
   if (LocalDns::available()) return false;
   WARN("SKIPPED: " << simtest::kDnsmasq << " is not installed (Debian package dnsmasq-base)");
   return true;
}

std::size_t connections(Sim &sim) {
   return sim.on_sim([&] { return sim.server.connection_count(); });
}

}  // namespace

TEST_CASE("with a domain the driver connects to the SRV node of the lowest priority") {
   if (skip_without_dnsmasq()) return;
   Sim first(simtest::office_spec());
   Sim second(simtest::office_spec());
   // listed backwards: the order comes from the priorities, not from the answer
   LocalDns dns({srv("node2.osv.test", second.port(), 2), srv("node1.osv.test", first.port(), 1),
                 "--host-record=node1.osv.test,127.0.0.1", "--host-record=node2.osv.test,127.0.0.1"});
   REQUIRE(dns.started());
   Driver driver(settings_for(dns));
   REQUIRE(driver.advance_until([&] { return driver.running(); }));
   CHECK(connections(first) == 1);
   CHECK(connections(second) == 0);
   CHECK(driver.host.logged("node 1 of 2: node1.osv.test (127.0.0.1:" + std::to_string(first.port()) + ", priority 1)"));
}

TEST_CASE("when the first node dies the driver fails over to the second, re-monitors and reports the state there") {
   if (skip_without_dnsmasq()) return;
   auto first = std::make_unique<Sim>(simtest::office_spec());
   Sim second(simtest::office_spec());
   LocalDns dns({srv("node1.osv.test", first->port(), 1), srv("node2.osv.test", second.port(), 2),
                 "--host-record=node1.osv.test,127.0.0.1", "--host-record=node2.osv.test,127.0.0.1"});
   REQUIRE(dns.started());
   Driver driver(settings_for(dns));
   REQUIRE(driver.advance_until([&] { return driver.running(); }));
   REQUIRE(connections(*first) == 1);
   driver.monitor("100", 1);
   REQUIRE(driver.host.wait([&] { return driver.state_is("100", PORTIER_PBX_DEVICE_IDLE); }));

   first.reset();  // node 1 is gone: its connection closes and its port refuses
   // meanwhile, on the surviving node, the attendant switches DND on
   REQUIRE(second.on_sim([&] { return second.office.set_dnd("100", true).ok(); }));

   CHECK(driver.advance_until([&] { return driver.running() && driver.state_is("100", PORTIER_PBX_DEVICE_DND); }));
   CHECK(driver.host.logged("failing over to node 2 of 2: node2.osv.test"));
   CHECK(connections(second) == 1);
   CHECK(second.on_sim([&] { return second.office.monitor_count(); }) == 1);
}

TEST_CASE("a node that refuses connections is skipped for the next one of the round") {
   if (skip_without_dnsmasq()) return;
   Sim second(simtest::office_spec());
   const std::uint16_t closed = simtest::free_port();  // nothing listens there
   LocalDns dns({srv("node1.osv.test", closed, 1), srv("node2.osv.test", second.port(), 2),
                 "--host-record=node1.osv.test,127.0.0.1", "--host-record=node2.osv.test,127.0.0.1"});
   REQUIRE(dns.started());
   Driver driver(settings_for(dns));
   REQUIRE(driver.advance_until([&] { return driver.running(); }));
   CHECK(connections(second) == 1);
   CHECK(driver.host.logged("cannot connect to node1.osv.test"));
}

TEST_CASE("after every node failed the driver backs off, resolves again and starts with the first node") {
   if (skip_without_dnsmasq()) return;
   auto only = std::make_unique<Sim>(simtest::office_spec());
   const std::uint16_t port = only->port();
   LocalDns dns({srv("node1.osv.test", port, 1), "--host-record=node1.osv.test,127.0.0.1"});
   REQUIRE(dns.started());
   Driver driver(settings_for(dns));
   REQUIRE(driver.advance_until([&] { return driver.running(); }));
   only.reset();
   REQUIRE(driver.host.wait([&] { return !driver.running(); }));
   CHECK(driver.host.logged("retrying in"));
   // the node comes back on the same port; the next round finds it through DNS again
   boost::asio::io_context io;
   portier::pbxsim::Office office(simtest::office_spec());
   portier::pbxsim::CstaServerOptions options;
   options.port = port;
   portier::pbxsim::CstaServer server(io, office, options);
   std::thread thread([&] { io.run(); });
   CHECK(driver.advance_until([&] { return driver.running(); }));
   io.stop();
   thread.join();
}

TEST_CASE("a domain without SRV records leaves the driver stopped with a clear reason") {
   if (skip_without_dnsmasq()) return;
   // authoritative for osv.test, so unknown names are NXDOMAIN; empty.osv.test exists, with no SRV
   LocalDns dns({"--local=/osv.test/", "--txt-record=HiPath8000CSTASM._tcp.empty.osv.test,nothing here"});
   REQUIRE(dns.started());
   {
      Driver driver(settings_for(dns, "empty.osv.test"));
      REQUIRE(driver.host.wait([&] { return driver.reason().find("no SRV records") != std::string::npos; }));
      CHECK(!driver.running());
      CHECK(driver.reason().find("HiPath8000CSTASM._tcp.empty.osv.test") != std::string::npos);
   }
   {
      Driver driver(settings_for(dns, "missing.osv.test"));
      REQUIRE(driver.host.wait([&] { return driver.reason().find("NXDOMAIN") != std::string::npos; }));
      CHECK(driver.reason().find("no such name: HiPath8000CSTASM._tcp.missing.osv.test") != std::string::npos);
   }
}

TEST_CASE("a DNS server that does not answer fails the lookup within dns_timeout_ms of host time") {
   const std::uint16_t silent = simtest::free_port();
   // a UDP socket that reads and never answers
   boost::asio::io_context io;
   boost::asio::ip::udp::socket sink(io, {boost::asio::ip::make_address("127.0.0.1"), silent});
   Driver driver("{\"domain\":\"osv.test\",\"dns_server\":\"127.0.0.1:" + std::to_string(silent) +
                 "\",\"dns_timeout_ms\":1000}");
   CHECK(driver.advance_until([&] { return driver.reason().find("no answer from DNS server") != std::string::npos; }, 30));
   CHECK(!driver.running());
}
