// SPDX-License-Identifier: GPL-3.0-or-later
#include "g711.h"

#include <algorithm>

namespace portier::media {
namespace {

constexpr int kUlawBias = 0x84;   // 132: makes every segment start at a power of two
constexpr int kUlawClip = 32635;  // largest magnitude that survives the bias without overflow

// Index of the highest set bit among bits 0..7 of v (v > 0), i.e. the G.711 segment.
int segment_of(int v) {
   int seg = 0;
   while (v > 1 && seg < 8) {
      v >>= 1;
      ++seg;
   }
   return seg;
}

}  // namespace

std::uint8_t linear_to_ulaw(std::int16_t sample) {
   int s = sample;
   const int sign = s < 0 ? 0x80 : 0x00;
   int mag = s < 0 ? -s : s;
   mag = std::min(mag, kUlawClip) + kUlawBias;  // 132..32767: bit 7 or higher is set
   const int seg = segment_of(mag >> 7);        // 0..7
   const int mantissa = (mag >> (seg + 3)) & 0x0F;
   return static_cast<std::uint8_t>(~(sign | (seg << 4) | mantissa));
}

std::int16_t ulaw_to_linear(std::uint8_t code) {
   const int c = ~code & 0xFF;
   const int seg = (c >> 4) & 0x07;
   const int mantissa = c & 0x0F;
   const int mag = (((mantissa << 3) + kUlawBias) << seg) - kUlawBias;
   return static_cast<std::int16_t>((c & 0x80) ? -mag : mag);
}

std::uint8_t linear_to_alaw(std::int16_t sample) {
   // A-law works on 13-bit magnitudes; the even bits are inverted on the wire (0x55).
   int s = sample;
   int sign_bit = 0x80;  // set for positive values in A-law
   if (s < 0) {
      sign_bit = 0x00;
      s = -s - 1;  // keeps -32768 in range and matches the reference quantiser
   }
   const int mag = s >> 3;  // 0..4095
   int code;
   if (mag < 32) {
      code = mag >> 1;  // segment 0 (and 1 below 32): linear, step 2 in 13-bit units
   } else {
      const int seg = segment_of(mag >> 4);  // 1..7
      code = (seg << 4) | ((mag >> seg) & 0x0F);
   }
   return static_cast<std::uint8_t>((code | sign_bit) ^ 0x55);
}

std::int16_t alaw_to_linear(std::uint8_t code) {
   const int c = code ^ 0x55;
   const int seg = (c >> 4) & 0x07;
   const int mantissa = c & 0x0F;
   int mag;
   if (seg == 0)
      mag = (mantissa << 4) + 8;
   else
      mag = ((mantissa << 4) + 0x108) << (seg - 1);
   return static_cast<std::int16_t>((c & 0x80) ? mag : -mag);
}

void encode_alaw(std::span<const std::int16_t> in, std::span<std::uint8_t> out) {
   const std::size_t n = std::min(in.size(), out.size());
   for (std::size_t i = 0; i < n; ++i) out[i] = linear_to_alaw(in[i]);
}

void encode_ulaw(std::span<const std::int16_t> in, std::span<std::uint8_t> out) {
   const std::size_t n = std::min(in.size(), out.size());
   for (std::size_t i = 0; i < n; ++i) out[i] = linear_to_ulaw(in[i]);
}

void decode_alaw(std::span<const std::uint8_t> in, std::span<std::int16_t> out) {
   const std::size_t n = std::min(in.size(), out.size());
   for (std::size_t i = 0; i < n; ++i) out[i] = alaw_to_linear(in[i]);
}

void decode_ulaw(std::span<const std::uint8_t> in, std::span<std::int16_t> out) {
   const std::size_t n = std::min(in.size(), out.size());
   for (std::size_t i = 0; i < n; ++i) out[i] = ulaw_to_linear(in[i]);
}

}  // namespace portier::media
