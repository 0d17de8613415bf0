// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>

#include "message.h"
#include "request_check.h"

using namespace portier::sip;

namespace {

std::string request(std::string method, std::string extra = {}, std::string uri = "sip:100@127.0.0.1",
                    std::string body = {}) {
   return method + " " + uri + " SIP/2.0\r\n"
          "Via: SIP/2.0/UDP 127.0.0.1:5999;branch=z9hG4bKcheck1;rport\r\n"
          "Max-Forwards: 70\r\n"
          "From: <sip:caller@127.0.0.1>;tag=a1\r\n"
          "To: <sip:100@127.0.0.1>\r\n"
          "Call-ID: check-1@127.0.0.1\r\n"
          "CSeq: 1 " + method + "\r\n" + extra +
          "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

Message parsed(const std::string &text) {
   ParseResult result = parse_message(text);
   INFO(result.error);
   REQUIRE(result.message);
   return std::move(*result.message);
}

const std::string kSdp = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                         "m=audio 4000 RTP/AVP 8\r\n";

}  // namespace

TEST_CASE("an INVITE with an SDP offer is accepted") {
   Message invite = parsed(request("INVITE", "Content-Type: application/sdp\r\n", "sip:100@127.0.0.1", kSdp));
   CHECK(check_request(invite).handling == Handling::accept);
}

TEST_CASE("a REGISTER at a user agent is answered 405 with Allow listing the served methods") {
   RequestVerdict verdict = check_request(parsed(request("REGISTER")));
   REQUIRE(verdict.handling == Handling::reject);
   CHECK(verdict.status == 405);
   REQUIRE(verdict.headers.size() == 1);
   CHECK(verdict.headers[0].first == "Allow");
   CHECK(verdict.headers[0].second.find("INVITE") != std::string::npos);
   CHECK(verdict.headers[0].second.find("REGISTER") == std::string::npos);
}

TEST_CASE("SUBSCRIBE and PUBLISH are 405, an invented method is 501") {
   CHECK(check_request(parsed(request("SUBSCRIBE"))).status == 405);
   CHECK(check_request(parsed(request("PUBLISH"))).status == 405);
   CHECK(check_request(parsed(request("FROBNICATE"))).status == 501);
}

TEST_CASE("a tel: Request-URI is served, a mailto: one is 416") {
   CHECK(check_request(parsed(request("OPTIONS", {}, "tel:+4930123"))).handling == Handling::accept);
   CHECK(check_request(parsed(request("OPTIONS", {}, "mailto:a@example.com"))).status == 416);
}

TEST_CASE("Require: timer and replaces are understood, 100rel is not") {
   CHECK(check_request(parsed(request("INVITE", "Require: timer, replaces\r\n"))).handling == Handling::accept);
   RequestVerdict verdict = check_request(parsed(request("INVITE", "Require: timer\r\nRequire: 100rel\r\n")));
   CHECK(verdict.status == 420);
   REQUIRE(verdict.headers.size() == 1);
   CHECK(verdict.headers[0] == std::pair<std::string, std::string>{"Unsupported", "100rel"});
}

TEST_CASE("Proxy-Require does not concern a user agent") {
   CHECK(check_request(parsed(request("OPTIONS", "Proxy-Require: foo\r\n"))).handling == Handling::accept);
}

TEST_CASE("a CANCEL is left to the transaction layer whatever it requires") {
   CHECK(check_request(parsed(request("CANCEL", "Require: foo\r\n"))).handling == Handling::accept);
}

TEST_CASE("an ACK is never rejected") {
   CHECK(check_request(parsed(request("ACK", "Require: foo\r\nContent-Type: text/plain\r\n", "sip:100@127.0.0.1", "x")))
             .handling == Handling::accept);
}

TEST_CASE("a multipart/mixed body with an SDP part is fine, its SDP is checked") {
   std::string body = "--b1\r\nContent-Type: application/sdp\r\n\r\n" + kSdp +
                      "--b1\r\nContent-Type: text/plain\r\n\r\nhello\r\n--b1--\r\n";
   Message invite = parsed(request("INVITE", "Content-Type: multipart/mixed;boundary=b1\r\n", "sip:100@127.0.0.1", body));
   RequestPolicy policy;
   std::string seen;
   policy.check_sdp = [&](std::string_view sdp) {
      seen = sdp;
      return std::string();
   };
   CHECK(check_request(invite, policy).handling == Handling::accept);
   CHECK(seen.find("m=audio 4000") != std::string::npos);
   policy.check_sdp = [](std::string_view) { return std::string("no m= line"); };
   RequestVerdict verdict = check_request(invite, policy);
   CHECK(verdict.status == 400);
   CHECK(verdict.reason == "Bad Request (SDP: no m= line)");
}

TEST_CASE("a compressed body is 415 with Accept-Encoding: identity") {
   RequestVerdict verdict = check_request(parsed(request("INVITE", "Content-Type: application/sdp\r\nContent-Encoding: gzip\r\n",
                                                         "sip:100@127.0.0.1", kSdp)));
   CHECK(verdict.status == 415);
   REQUIRE(verdict.headers.size() == 1);
   CHECK(verdict.headers[0].first == "Accept-Encoding");
}

TEST_CASE("Max-Forwards 0 is processed by an endpoint and answered 483 by a forwarding element") {
   Message options = parsed(request("OPTIONS", {}).replace(request("OPTIONS").find("Max-Forwards: 70"), 16, "Max-Forwards: 0"));
   CHECK(check_request(options).handling == Handling::accept);
   RequestPolicy proxy;
   proxy.forwards_requests = true;
   CHECK(check_request(options, proxy).status == 483);
}

TEST_CASE("a rejection carries the verdict's headers, a To tag and the reason phrase") {
   Message invite = parsed(request("INVITE", "Require: nosuch\r\n"));
   RequestVerdict verdict = check_request(invite);
   Message response = build_rejection(invite, verdict);
   ParseResult reread = parse_message(response.serialize());
   REQUIRE(reread.message);
   CHECK(reread.message->status() == 420);
   CHECK_FALSE(reread.message->to_tag().empty());
   CHECK(reread.message->header("Unsupported") == "nosuch");
   CHECK(reread.message->call_id() == "check-1@127.0.0.1");
}

TEST_CASE("a reason phrase made from free text is one printable line of at most 120 bytes") {
   std::string reason = reason_from(std::string("bad\r\nthing\0here", 15) + std::string(300, 'x'));
   CHECK(reason.size() == 120);
   CHECK(reason.find_first_of(std::string("\r\n\0", 3)) == std::string::npos);
}

TEST_CASE("a lower Via without a sent-by host makes the request unparseable (fuzz finding)") {
   // osip took it and then wrote a 415 back that no parser could read.
   std::string text = request("OPTIONS", "v:  SIP  / 2.0  / TCP     spindle.example.com   ;\r\n  branch  =   z9hG4bK9ikj8  ,\r\n"
                                         " SIP  /    2.0   / UDP5.111   ; branch=\r\n z9hG4bK30239\r\n");
   ParseResult result = parse_message(text);
   CHECK_FALSE(result.message);
   INFO(result.error);
   CHECK(result.error.find("Via 3 has no valid sent-by") != std::string::npos);
}

TEST_CASE("a top Via without a version or with letters in its port is refused (fuzz finding)") {
   std::string text = request("OPTIONS");
   std::string no_version = text;
   no_version.replace(no_version.find("SIP/2.0/UDP"), 11, "SIP//UDP");
   ParseResult first = parse_message(no_version);
   CHECK_FALSE(first.message);
   std::string bad_port = text;
   bad_port.replace(bad_port.find("5999;"), 5, "5999x;");
   ParseResult second = parse_message(bad_port);
   CHECK_FALSE(second.message);
}
