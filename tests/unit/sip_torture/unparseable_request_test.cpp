// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>

#include "message.h"
#include "unparseable_request.h"

using namespace portier::sip;

namespace {

const std::string kHeaders = "Via: SIP/2.0/UDP 127.0.0.1:5999;;branch=z9hG4bKloose;rport\r\n"
                             "Via: SIP/2.0/UDP 127.0.0.9;branch=z9hG4bKolder\r\n"
                             "From: <sip:caller@127.0.0.1>;tag=f1\r\n"
                             "To: <sip:100@127.0.0.1>\r\n"
                             "Call-ID: loose-1\r\n"
                             "CSeq: 7 INVITE\r\n";

}  // namespace

TEST_CASE("an unparseable request with a readable Via is answered 400 with its fields copied") {
   std::optional<LooseAnswer> answer =
       answer_unparseable("INVITE sip:100@127.0.0.1 SIP/2.0\r\n" + kHeaders + "Content-Type: ///\r\n\r\n", "bad type");
   REQUIRE(answer);
   CHECK(answer->status == 400);
   CHECK(answer->reason == "Bad Request (bad type)");
   CHECK(answer->via.host == "127.0.0.1");
   CHECK(answer->via.port == 5999);
   CHECK(answer->via.branch == "z9hG4bKloose");
   CHECK(answer->via.has_rport);
   ParseResult reread = parse_message(answer->bytes);
   INFO(answer->bytes);
   REQUIRE(reread.message);
   CHECK(reread.message->status() == 400);
   CHECK(reread.message->via_count() == 2);
   CHECK(reread.message->top_via()->branch == "z9hG4bKloose");
   CHECK(reread.message->call_id() == "loose-1");
   CHECK(reread.message->cseq()->number == 7);
   CHECK_FALSE(reread.message->to_tag().empty());
   CHECK(reread.message->from_tag() == "f1");
}

TEST_CASE("another SIP version is answered 505") {
   auto answer = answer_unparseable("OPTIONS sip:a@127.0.0.1 SIP/7.0\r\n" + kHeaders + "\r\n", "version");
   REQUIRE(answer);
   CHECK(answer->status == 505);
}

TEST_CASE("an unknown Request-URI scheme osip cannot read is answered 416") {
   auto answer = answer_unparseable("OPTIONS soap.beep://192.0.2.1:3002 SIP/2.0\r\n" + kHeaders + "\r\n", "uri");
   REQUIRE(answer);
   CHECK(answer->status == 416);
}

TEST_CASE("a Request-URI that is no URI at all is 400, not 416") {
   auto answer = answer_unparseable("OPTIONS ::::@@ SIP/2.0\r\n" + kHeaders + "\r\n", "uri");
   REQUIRE(answer);
   CHECK(answer->status == 400);
}

TEST_CASE("without a readable Via nothing is answered") {
   CHECK_FALSE(answer_unparseable("INVITE sip:a@b SIP/2.0\r\nFrom: <sip:a@b>\r\n\r\n", "no via"));
   CHECK_FALSE(answer_unparseable("INVITE sip:a@b SIP/2.0\r\nVia: @@@ junk\r\n\r\n", "via"));
   CHECK_FALSE(answer_unparseable("INVITE sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP host:99999\r\n\r\n", "port"));
}

TEST_CASE("responses, ACKs and lines that are not a request line are never answered") {
   CHECK_FALSE(answer_unparseable("SIP/2.0 200 OK\r\n" + kHeaders + "\r\n", "x"));
   CHECK_FALSE(answer_unparseable("ACK sip:a@b SIP/2.0\r\n" + kHeaders + "\r\n", "x"));
   CHECK_FALSE(answer_unparseable("INVITE sip:a@b\r\n" + kHeaders + "\r\n", "x"));
   CHECK_FALSE(answer_unparseable("INVITE", "x"));
   CHECK_FALSE(answer_unparseable("", "x"));
}

TEST_CASE("a header value with a NUL or an unbalanced quote is left out of the answer") {
   std::string bytes = "INVITE sip:100@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5999;branch=z9hG4bKn\r\n"
                       "From: \"Al" + std::string(1, '\0') + "ice\" <sip:a@b>;tag=1\r\nTo: \"Bob <sip:b@c>\r\n"
                       "Call-ID: c1\r\nCSeq: 99999999999 INVITE\r\n\r\n";
   auto answer = answer_unparseable(bytes, "nul");
   REQUIRE(answer);
   CHECK(answer->bytes.find("From:") == std::string::npos);
   CHECK(answer->bytes.find("To:") == std::string::npos);
   CHECK(answer->bytes.find("CSeq:") == std::string::npos);
   CHECK(answer->bytes.find("Call-ID: c1\r\n") != std::string::npos);
   CHECK(answer->bytes.find('\0') == std::string::npos);
}

TEST_CASE("a Via received parameter that is not an address is left out of the answer (fuzz finding)") {
   std::string bytes = "OPTIONS sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP h.example.com;branch=z9hG4bKr;received=192." +
                       std::string(3, '\0') + "0.2\r\nCall-ID: c\r\n\r\n";
   auto answer = answer_unparseable(bytes, "nul");
   REQUIRE(answer);
   CHECK_FALSE(answer->via.received);
   CHECK(answer->bytes.find('\0') == std::string::npos);
   CHECK(answer->bytes.find("received") == std::string::npos);
}
