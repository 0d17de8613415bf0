// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>

#include "sdp.h"

using namespace portier::media;
using Catch::Matchers::Contains;

namespace {

const char *kOffer =
   "v=0\r\n"
   "o=- 123 1 IN IP4 192.0.2.10\r\n"
   "s=call\r\n"
   "c=IN IP4 192.0.2.10\r\n"
   "t=0 0\r\n"
   "m=audio 40000 RTP/AVP 18 0 8 96\r\n"
   "a=rtpmap:18 G729/8000\r\n"
   "a=rtpmap:96 telephone-event/8000\r\n"
   "a=fmtp:96 0-16\r\n"
   "a=ptime:20\r\n";

MediaPlan plan_of(const std::string &sdp) {
   auto parsed = parse_sdp(sdp);
   REQUIRE(parsed);
   auto plan = negotiate(parsed.value());
   REQUIRE(plan);
   return plan.value();
}

}  // namespace

TEST_CASE("the first G.711 codec in the offer's order is chosen and telephone-event keeps its number") {
   const auto plan = plan_of(kOffer);
   CHECK(plan.codec == Codec::pcmu);
   CHECK(plan.payload_type == 0);
   REQUIRE(plan.dtmf_payload_type);
   CHECK(*plan.dtmf_payload_type == 96);
   CHECK(plan.remote_address == "192.0.2.10");
   CHECK(plan.remote_port == 40000);
   CHECK_FALSE(plan.held);
   CHECK(plan.answer_direction == Direction::sendrecv);
}

TEST_CASE("a dynamic payload number mapped to PCMA is honoured") {
   const auto plan = plan_of("v=0\no=- 1 1 IN IP4 h\ns=-\nc=IN IP4 127.0.0.1\nt=0 0\nm=audio 5000 RTP/AVP 97\na=rtpmap:97 pcma/8000\n");
   CHECK(plan.codec == Codec::pcma);
   CHECK(plan.payload_type == 97);
   CHECK_FALSE(plan.dtmf_payload_type);
}

TEST_CASE("the answer carries our address, port, the chosen codec and telephone-event") {
   auto offer = parse_sdp(kOffer);
   REQUIRE(offer);
   auto plan = negotiate(offer.value());
   REQUIRE(plan);
   const auto answer = build_answer(offer.value(), plan.value(), {"127.0.0.1", 30000, 77, 2});
   CHECK_THAT(answer, Contains("o=portier 77 2 IN IP4 127.0.0.1\r\n"));
   CHECK_THAT(answer, Contains("c=IN IP4 127.0.0.1\r\n"));
   CHECK_THAT(answer, Contains("m=audio 30000 RTP/AVP 0 96\r\n"));
   CHECK_THAT(answer, Contains("a=rtpmap:0 PCMU/8000\r\n"));
   CHECK_THAT(answer, Contains("a=rtpmap:96 telephone-event/8000\r\n"));
   CHECK_THAT(answer, Contains("a=ptime:20\r\n"));
   CHECK_THAT(answer, Contains("a=sendrecv\r\n"));
   // Our own answer parses back to the same choice.
   const auto again = plan_of(answer);
   CHECK(again.payload_type == 0);
   CHECK(again.remote_port == 30000);
}

TEST_CASE("sendonly, inactive and c=0.0.0.0 put the call on hold, recvonly does not") {
   std::string base = "v=0\r\no=- 1 1 IN IP4 a\r\ns=-\r\nc=IN IP4 127.0.0.2\r\nt=0 0\r\nm=audio 4000 RTP/AVP 8\r\n";
   auto held = plan_of(base + "a=sendonly\r\n");
   CHECK(held.held);
   CHECK(held.answer_direction == Direction::recvonly);
   auto inactive = plan_of(base + "a=inactive\r\n");
   CHECK(inactive.held);
   CHECK(inactive.answer_direction == Direction::inactive);
   auto recvonly = plan_of(base + "a=recvonly\r\n");
   CHECK_FALSE(recvonly.held);
   CHECK(recvonly.answer_direction == Direction::sendonly);
   auto old_style = plan_of("v=0\r\no=- 1 1 IN IP4 a\r\ns=-\r\nc=IN IP4 0.0.0.0\r\nt=0 0\r\nm=audio 4000 RTP/AVP 8\r\n");
   CHECK(old_style.held);
   // A session-level direction applies to media without its own.
   auto session_level = plan_of("v=0\r\no=- 1 1 IN IP4 a\r\ns=-\r\nc=IN IP4 127.0.0.2\r\nt=0 0\r\na=sendonly\r\nm=audio 4000 RTP/AVP 8\r\n");
   CHECK(session_level.held);
}

TEST_CASE("an offer without a common codec is refused with 488") {
   auto offer = parse_sdp("v=0\r\no=- 1 1 IN IP4 a\r\ns=-\r\nc=IN IP4 127.0.0.2\r\nt=0 0\r\nm=audio 4000 RTP/AVP 18 9\r\n");
   REQUIRE(offer);
   auto plan = negotiate(offer.value());
   REQUIRE_FALSE(plan);
   CHECK(plan.detail() == kNotAcceptableHere);
   CHECK_THAT(plan.message(), Contains("no common codec"));
}

TEST_CASE("video is declined with port 0 and audio answered in its place") {
   auto offer = parse_sdp("v=0\r\no=- 1 1 IN IP4 a\r\ns=-\r\nc=IN IP4 127.0.0.2\r\nt=0 0\r\n"
                          "m=video 5002 RTP/AVP 31\r\nm=audio 5000 RTP/AVP 8\r\nc=IN IP4 127.0.0.3\r\n");
   REQUIRE(offer);
   auto plan = negotiate(offer.value());
   REQUIRE(plan);
   CHECK(plan.value().media_index == 1);
   CHECK(plan.value().remote_address == "127.0.0.3");  // media-level c= wins
   const auto answer = build_answer(offer.value(), plan.value(), {"127.0.0.1", 30000});
   CHECK_THAT(answer, Contains("m=video 0 RTP/AVP 31\r\nm=audio 30000 RTP/AVP 8\r\n"));
}

TEST_CASE("malformed SDP is reported with the line and what is wrong") {
   auto r = parse_sdp("v=0\r\no=- 1 1 IN IP4 a\r\nm=audio abc RTP/AVP 0\r\n");
   REQUIRE_FALSE(r);
   CHECK_THAT(r.message(), Contains("SDP line 3") && Contains("port 'abc'"));
   r = parse_sdp("hello");
   REQUIRE_FALSE(r);
   CHECK_THAT(r.message(), Contains("SDP line 1"));
   r = parse_sdp("v=0\r\nc=IN XX 1.2.3.4\r\n");
   REQUIRE_FALSE(r);
   CHECK_THAT(r.message(), Contains("SDP line 2: c= must be"));
   // An unreadable rtpmap is skipped, as RFC 4475's valid "a=rtpmap:31 LPC" needs.
   r = parse_sdp("v=0\r\nm=audio 1 RTP/AVP 0\r\na=rtpmap:300 X/8000\r\na=rtpmap:31 LPC\r\n");
   REQUIRE(r);
   CHECK(r.value().media.at(0).rtpmaps.empty());
   r = parse_sdp(std::string(kMaxSdpBytes + 1, 'x'));
   REQUIRE_FALSE(r);
   std::string many = "v=0\r\n";
   for (int i = 0; i < 9; ++i) many += "m=audio 1 RTP/AVP 0\r\n";
   r = parse_sdp(many);
   REQUIRE_FALSE(r);
   CHECK_THAT(r.message(), Contains("more than 8 m= lines"));
   auto empty = parse_sdp("");
   REQUIRE_FALSE(empty);
   auto no_audio = parse_sdp("v=0\r\n");
   REQUIRE(no_audio);
   CHECK(negotiate(no_audio.value()).detail() == kNotAcceptableHere);
}

TEST_CASE("our own offer lists PCMA, PCMU and telephone-event at 20 ms") {
   const auto offer = build_offer({"127.0.0.1", 31000, 5, 1, 101}, Direction::sendonly);
   CHECK_THAT(offer, Contains("m=audio 31000 RTP/AVP 8 0 101\r\n"));
   CHECK_THAT(offer, Contains("a=sendonly\r\n"));
   const auto plan = plan_of(offer);
   CHECK(plan.codec == Codec::pcma);
   CHECK(*plan.dtmf_payload_type == 101);
   CHECK(plan.held);
}
