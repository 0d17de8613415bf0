// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>

#include <portier/dns/nameserver.h>
#include <portier/dns/nodes.h>

using namespace portier::dns;

TEST_CASE("SRV records are tried by priority, then heavier weight first, then by name") {
   const auto ordered = order_srv({{2, 0, 1040, "b.test"}, {1, 10, 1040, "c.test"}, {1, 50, 1040, "d.test"},
                                   {1, 10, 1040, "a.test"}});
   REQUIRE(ordered.size() == 4);
   CHECK(ordered[0].target == "d.test");
   CHECK(ordered[1].target == "a.test");
   CHECK(ordered[2].target == "c.test");
   CHECK(ordered[3].target == "b.test");
}

TEST_CASE("a lone SRV target '.' means the service is not offered") {
   CHECK(order_srv({{0, 0, 0, "."}}).empty());
}

TEST_CASE("nodes take their address from the A records or from an IP literal target") {
   const auto nodes = nodes_from_srv({{1, 0, 1040, "a.test"}, {2, 0, 1041, "127.1.1.1"}, {3, 0, 1042, "c.test"}},
                                     {{"a.test", "127.0.0.11"}});
   REQUIRE(nodes.size() == 3);
   CHECK(nodes[0].address == "127.0.0.11");
   CHECK(nodes[1].address == "127.1.1.1");
   CHECK(nodes[2].address.empty());
   CHECK(nodes[0].label() == "a.test (127.0.0.11:1040, priority 1)");
}

TEST_CASE("a round walks the nodes once and then is over") {
   Round round;
   CHECK(round.empty());
   round.reset({Node{"a", "1.1.1.1", 1, 1, 0, true}, Node{"b", "2.2.2.2", 2, 2, 0, true}});
   REQUIRE(!round.empty());
   CHECK(round.current().name == "a");
   CHECK(round.advance());
   CHECK(round.current().name == "b");
   CHECK(round.position() == 2);
   CHECK(!round.advance());
   CHECK(round.empty());
}

TEST_CASE("a DNS server is an IP address with an optional port") {
   CHECK(parse_name_server("127.0.0.1:5353") == NameServer{"127.0.0.1", 5353});
   CHECK(parse_name_server("127.0.0.53") == NameServer{"127.0.0.53", 53});
   CHECK(parse_name_server("::1") == NameServer{"::1", 53});
   CHECK(parse_name_server("[::1]:5300") == NameServer{"::1", 5300});
   CHECK(!parse_name_server("dns.example.com:53"));
   CHECK(!parse_name_server("127.0.0.1:0"));
   CHECK(!parse_name_server("127.0.0.1:70000"));
   CHECK(!parse_name_server(""));
}

TEST_CASE("the first usable nameserver line of resolv.conf is the system's DNS server") {
   CHECK(first_name_server("# comment\nsearch example.com\nnameserver fe80::1%eth0\n  nameserver 192.0.2.53 # x\n"
                           "nameserver 192.0.2.54\n") == NameServer{"192.0.2.53", 53});
   CHECK(!first_name_server("search example.com\nnameservers 1.2.3.4\n"));
}
