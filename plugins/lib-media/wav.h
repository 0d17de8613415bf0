// SPDX-License-Identifier: GPL-3.0-or-later
// RIFF/WAVE reading into a Clip (8 kHz mono, A-law and mu-law frames). 8 kHz mono PCM16, A-law
// and mu-law are taken as they are; 8/24/32-bit PCM, 32/64-bit float, several channels and other
// sample rates are converted. Anything else is an error naming the file and what is wrong.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <span>
#include <string_view>

#include <portier/result.hpp>

#include "clip.h"

namespace portier::media {

inline constexpr std::size_t kMaxWavBytes = 256u << 20;  // about 4.6 hours of 16-bit 8 kHz

// Reads the file at `path` (at most kMaxWavBytes). Errors say "<path>: <what is wrong>".
Result<Clip> load_wav(const std::filesystem::path &path);

// Decodes WAV bytes already in memory; `name` is used in error texts.
Result<Clip> decode_wav(std::span<const std::uint8_t> bytes, std::string_view name);

}  // namespace portier::media
