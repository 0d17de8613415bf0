// SPDX-License-Identifier: GPL-3.0-or-later
// G.711 (ITU-T): 16-bit linear PCM to and from A-law (PCMA) and mu-law (PCMU), sample by sample
// and over whole buffers. Pure functions, no state. [any]
#pragma once

#include <cstdint>
#include <span>

namespace portier::media {

std::uint8_t linear_to_alaw(std::int16_t sample);
std::uint8_t linear_to_ulaw(std::int16_t sample);
std::int16_t alaw_to_linear(std::uint8_t code);
std::int16_t ulaw_to_linear(std::uint8_t code);

// Converts min(in.size(), out.size()) samples.
void encode_alaw(std::span<const std::int16_t> in, std::span<std::uint8_t> out);
void encode_ulaw(std::span<const std::int16_t> in, std::span<std::uint8_t> out);
void decode_alaw(std::span<const std::uint8_t> in, std::span<std::int16_t> out);
void decode_ulaw(std::span<const std::uint8_t> in, std::span<std::int16_t> out);

}  // namespace portier::media
