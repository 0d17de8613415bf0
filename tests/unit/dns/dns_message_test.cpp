// SPDX-License-Identifier: GPL-3.0-or-later
#include <string>

#include <catch2/catch.hpp>

#include <portier/dns/dns_message.h>

using namespace portier::dns;

namespace {

void put16(std::string &out, unsigned v) {
   out.push_back(static_cast<char>((v >> 8) & 0xff));
   out.push_back(static_cast<char>(v & 0xff));
}

void put_name(std::string &out, const std::string &dotted) {
   std::size_t begin = 0;
   while (begin < dotted.size()) {
      auto end = dotted.find('.', begin);
      if (end == std::string::npos) end = dotted.size();
      out.push_back(static_cast<char>(end - begin));
      out.append(dotted, begin, end - begin);
      begin = end + 1;
   }
   out.push_back('\0');
}

// A response as a server writes it: the question, then SRV answers naming their target by a
// pointer into an additional A record where `compress` is set.
std::string srv_response(std::uint16_t id, unsigned flags = 0x8180) {
   std::string m;
   put16(m, id);
   put16(m, flags);
   put16(m, 1);  // question
   put16(m, 2);  // answers
   put16(m, 0);
   put16(m, 1);  // additional
   const std::size_t question_at = m.size();
   put_name(m, "HiPath8000CSTASM._tcp.osv.test");
   put16(m, kDnsTypeSrv);
   put16(m, 1);
   // answer 1: owner is a pointer to the question, target written out in full
   put16(m, 0xc000 | static_cast<unsigned>(question_at));
   put16(m, kDnsTypeSrv);
   put16(m, 1);
   put16(m, 0);
   put16(m, 60);
   std::string rdata;
   put16(rdata, 2);
   put16(rdata, 0);
   put16(rdata, 1040);
   const std::size_t target_at = m.size() + 2 + 6;
   put_name(rdata, "node2.osv.test");
   put16(m, static_cast<unsigned>(rdata.size()));
   m += rdata;
   // answer 2: target "node1" + pointer to ".osv.test" of node2's name
   put16(m, 0xc000 | static_cast<unsigned>(question_at));
   put16(m, kDnsTypeSrv);
   put16(m, 1);
   put16(m, 0);
   put16(m, 60);
   rdata.clear();
   put16(rdata, 1);
   put16(rdata, 5);
   put16(rdata, 1041);
   rdata.push_back(5);
   rdata += "node1";
   put16(rdata, 0xc000 | static_cast<unsigned>(target_at + 6));
   put16(m, static_cast<unsigned>(rdata.size()));
   m += rdata;
   // additional: node2's A record, owner by pointer
   put16(m, 0xc000 | static_cast<unsigned>(target_at));
   put16(m, kDnsTypeA);
   put16(m, 1);
   put16(m, 0);
   put16(m, 60);
   put16(m, 4);
   m += std::string("\x7f\x00\x00\x02", 4);
   return m;
}

}  // namespace

TEST_CASE("a query names the service in labels, asks for recursion and one SRV question") {
   const auto q = build_dns_query(0x1234, "HiPath8000CSTASM._tcp.OSV.test.", kDnsTypeSrv);
   REQUIRE(q);
   std::string expected("\x12\x34\x01\x00\x00\x01\x00\x00\x00\x00\x00\x00", 12);
   put_name(expected, "hipath8000cstasm._tcp.osv.test");
   expected += std::string("\x00\x21\x00\x01", 4);
   CHECK(*q == expected);
}

TEST_CASE("a query for an empty label or an overlong name is refused") {
   CHECK(!build_dns_query(1, "a..b", kDnsTypeSrv));
   CHECK(!build_dns_query(1, "", kDnsTypeSrv));
   CHECK(!build_dns_query(1, std::string(64, 'a') + ".test", kDnsTypeSrv));
   CHECK(!build_dns_query(1, std::string(250, 'a') + ".test", kDnsTypeSrv));
}

TEST_CASE("a response yields its SRV records and A addresses through compressed names") {
   const DnsParse p = parse_dns_response(srv_response(77));
   INFO(p.error);
   REQUIRE(p.answer);
   CHECK(p.answer->id == 77);
   CHECK(p.answer->rcode == kDnsNoError);
   CHECK(p.answer->question == "hipath8000cstasm._tcp.osv.test");
   REQUIRE(p.answer->srv.size() == 2);
   CHECK(p.answer->srv[0] == SrvRecord{2, 0, 1040, "node2.osv.test"});
   CHECK(p.answer->srv[1] == SrvRecord{1, 5, 1041, "node1.osv.test"});
   REQUIRE(p.answer->addresses.size() == 1);
   CHECK(p.answer->addresses[0] == AddressRecord{"node2.osv.test", "127.0.0.2"});
}

TEST_CASE("NXDOMAIN is read as an answer with its rcode") {
   std::string m = srv_response(5, 0x8183);
   const DnsParse p = parse_dns_response(m);
   REQUIRE(p.answer);
   CHECK(p.answer->rcode == kDnsNameError);
}

TEST_CASE("every truncation of a response is an error with an offset or a shorter answer, never a crash") {
   const std::string full = srv_response(9);
   for (std::size_t n = 0; n < full.size(); ++n) {
      const DnsParse p = parse_dns_response(full.substr(0, n));
      CHECK((p.answer.has_value() || !p.error.empty()));
      if (!p.answer) CHECK(p.offset <= n);
   }
}

TEST_CASE("a name pointer that points forward or at itself is refused") {
   std::string m;
   put16(m, 1);
   put16(m, 0x8180);
   put16(m, 1);
   put16(m, 0);
   put16(m, 0);
   put16(m, 0);
   put16(m, 0xc000 | 12);  // the question's name points at itself
   put16(m, kDnsTypeSrv);
   put16(m, 1);
   const DnsParse p = parse_dns_response(m);
   CHECK(!p.answer);
   CHECK(p.error == "name pointer does not point backwards");
   CHECK(p.offset == 12);
}

TEST_CASE("a query is not mistaken for a response, and oversized input is refused") {
   const auto q = build_dns_query(1, "osv.test", kDnsTypeA);
   CHECK(parse_dns_response(*q).error == "not a response");
   CHECK(!parse_dns_response(std::string(kMaxDnsMessage + 1, '\0')).answer);
}
