// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>

#include <cstdlib>

#include "g711.h"

using namespace portier::media;

TEST_CASE("mu-law encodes and decodes the G.711 reference points") {
   CHECK(linear_to_ulaw(0) == 0xFF);
   CHECK(linear_to_ulaw(32767) == 0x80);
   CHECK(linear_to_ulaw(-32768) == 0x00);
   CHECK(linear_to_ulaw(-1) == 0x7F);
   CHECK(ulaw_to_linear(0xFF) == 0);
   CHECK(ulaw_to_linear(0x80) == 32124);
   CHECK(ulaw_to_linear(0x00) == -32124);
   CHECK(ulaw_to_linear(0xEF) == 132);  // segment 1, step 0: ((0 << 3) + 132) << 1, less the bias
   CHECK(linear_to_ulaw(100) == 0xF2);
}

TEST_CASE("A-law encodes and decodes the G.711 reference points") {
   CHECK(linear_to_alaw(0) == 0xD5);
   CHECK(linear_to_alaw(-1) == 0x55);
   CHECK(linear_to_alaw(32767) == 0xAA);
   CHECK(linear_to_alaw(-32768) == 0x2A);
   CHECK(alaw_to_linear(0xD5) == 8);
   CHECK(alaw_to_linear(0x55) == -8);
   CHECK(alaw_to_linear(0xAA) == 32256);
   CHECK(alaw_to_linear(0x2A) == -32256);
   CHECK(linear_to_alaw(1000) == 0xFA);
}

TEST_CASE("every A-law code survives decode and encode unchanged") {
   for (int c = 0; c < 256; ++c) CHECK(linear_to_alaw(alaw_to_linear(static_cast<std::uint8_t>(c))) == c);
}

TEST_CASE("every mu-law code but negative zero survives decode and encode unchanged") {
   for (int c = 0; c < 256; ++c) {
      const auto back = linear_to_ulaw(ulaw_to_linear(static_cast<std::uint8_t>(c)));
      CHECK(back == (c == 0x7F ? 0xFF : c));
   }
}

TEST_CASE("a linear sample comes back within half a quantisation step of either law") {
   for (int x = -32768; x <= 32767; x += 7) {
      const auto s = static_cast<std::int16_t>(x);
      const int mag = std::abs(x);
      // The step grows with the segment: at most 1/16 of the magnitude, at least 16 near zero.
      const int tolerance = mag / 16 + 16;
      INFO("sample " << x);
      CHECK(std::abs(alaw_to_linear(linear_to_alaw(s)) - x) <= tolerance);
      if (mag <= 32635) CHECK(std::abs(ulaw_to_linear(linear_to_ulaw(s)) - x) <= tolerance);
   }
}

TEST_CASE("buffer conversion stops at the shorter buffer") {
   const std::int16_t in[4] = {0, 1000, -1000, 32767};
   std::uint8_t out[3] = {1, 2, 3};
   encode_alaw(in, out);
   CHECK(out[0] == 0xD5);
   CHECK(out[1] == 0xFA);
   std::int16_t back[3];
   decode_alaw(out, back);
   CHECK(back[0] == 8);
}
