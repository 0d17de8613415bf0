// SPDX-License-Identifier: GPL-3.0-or-later
#include <string>
#include <vector>

#include "csta_test_support.h"
#include "portier/csta/framing.h"

using namespace portier::csta;

namespace {
std::string header(unsigned length, std::string_view invoke) {
   std::string h{'\0', '\0', static_cast<char>(length >> 8), static_cast<char>(length & 0xFF)};
   return h + std::string(invoke);
}
const std::string kBody = "<?xml version=\"1.0\"?><SystemStatusResponse/>";
}  // namespace

TEST_CASE("a frame's length counts the 8-byte header and the body's bytes, big-endian") {
   const auto frame = encode_frame(7, kBody);
   REQUIRE(frame);
   CHECK(frame->size() == 8 + kBody.size());
   CHECK(frame->substr(0, 8) == header(static_cast<unsigned>(8 + kBody.size()), "0007"));
   CHECK(frame->substr(8) == kBody);
}

TEST_CASE("umlauts in a display name are counted in bytes, not characters") {
   const std::string body = "<a>J\xC3\xBCrgen M\xC3\xBCller</a>";  // 13 characters in <a>, 15 bytes
   const auto frame = encode_frame(kEventInvokeId, body);
   REQUIRE(frame);
   CHECK(static_cast<unsigned char>((*frame)[3]) == 8 + body.size());
   FrameReader reader;
   reader.feed(*frame);
   const auto popped = reader.pop();
   REQUIRE(popped);
   CHECK(popped->xml == body);
   CHECK(popped->is_event());
}

TEST_CASE("a body over 65527 bytes or an invoke id above 9999 is refused") {
   CHECK(encode_frame(1, std::string(kMaxBodySize, 'x')));
   CHECK_FALSE(encode_frame(1, std::string(kMaxBodySize + 1, 'x')));
   CHECK_FALSE(encode_frame(10000, kBody));
}

TEST_CASE("a length of 32 KiB or more is read unsigned") {
   const std::string body = "<a>" + std::string(40000, 'x') + "</a>";
   FrameReader reader;
   reader.feed(*encode_frame(12, body));
   const auto frame = reader.pop();
   REQUIRE(frame);
   CHECK(frame->xml.size() == body.size());
   CHECK(frame->invoke_id == 12);
}

TEST_CASE("a frame split at every byte position comes out whole once") {
   const auto frame = *encode_frame(42, kBody);
   for (std::size_t cut = 0; cut <= frame.size(); ++cut) {
      FrameReader reader;
      reader.feed(std::string_view(frame).substr(0, cut));
      if (cut < frame.size()) CHECK_FALSE(reader.pop());
      reader.feed(std::string_view(frame).substr(cut));
      const auto popped = reader.pop();
      REQUIRE(popped);
      CHECK(popped->invoke_id == 42);
      CHECK(popped->xml == kBody);
      CHECK_FALSE(reader.pop());
      CHECK(reader.buffered() == 0);
   }
}

TEST_CASE("frames fed one byte at a time come out whole and in order") {
   const auto stream = *encode_frame(1, kBody) + *encode_frame(2, kBody) + *encode_frame(9999, kBody);
   FrameReader reader;
   std::vector<unsigned> ids;
   for (char byte : stream) {
      reader.feed(std::string_view(&byte, 1));
      while (auto frame = reader.pop()) ids.push_back(frame->invoke_id);
   }
   CHECK(ids == std::vector<unsigned>{1, 2, 9999});
}

TEST_CASE("three frames merged in one read come out as three") {
   FrameReader reader;
   reader.feed(*encode_frame(1, kBody) + *encode_frame(2, "<b>second</b>") + *encode_frame(3, kBody));
   const auto first = reader.pop();
   REQUIRE(first);
   CHECK(first->invoke_id == 1);
   const auto second = reader.pop();
   REQUIRE(second);
   CHECK(second->xml == "<b>second</b>");
   const auto third = reader.pop();
   REQUIRE(third);
   CHECK(third->invoke_id == 3);
   CHECK_FALSE(reader.pop());
   CHECK(reader.stream_offset() == 3 * 8 + 2 * kBody.size() + 13);
}

TEST_CASE("a format indicator other than 00 00 fails the reader for good") {
   FrameReader reader;
   std::string frame = *encode_frame(1, kBody);
   frame[1] = '\x01';
   reader.feed(frame);
   CHECK_FALSE(reader.pop());
   CHECK(reader.error() == FrameError::bad_format_indicator);
   reader.feed(*encode_frame(2, kBody));  // no resync: the link is to be dropped
   CHECK_FALSE(reader.pop());
   CHECK(reader.failed());
}

TEST_CASE("a length below header plus 5 bytes is an error") {
   FrameReader reader;
   reader.feed(header(12, "0001") + "<a/>");
   CHECK_FALSE(reader.pop());
   CHECK(reader.error() == FrameError::length_too_small);
}

TEST_CASE("an invoke id that is not four digits is an error") {
   FrameReader reader;
   reader.feed(header(8 + 4 + 1, "00a1") + "<a/> ");
   CHECK_FALSE(reader.pop());
   CHECK(reader.error() == FrameError::bad_invoke_id);
   CHECK(describe(reader.error()) == "invoke id is not four ASCII digits");
}

TEST_CASE("a frame above the configured maximum is refused from its header alone") {
   FrameReader reader(1024);
   reader.feed(header(2000, "0001"));  // the body has not even arrived
   CHECK_FALSE(reader.pop());
   CHECK(reader.error() == FrameError::frame_too_large);
}

TEST_CASE("invoke ids are read as exactly four ASCII digits") {
   CHECK(parse_invoke_id("0000") == 0);
   CHECK(parse_invoke_id("9999") == 9999);
   CHECK_FALSE(parse_invoke_id("999"));
   CHECK_FALSE(parse_invoke_id("+999"));
   CHECK_FALSE(parse_invoke_id("99 9"));
}
