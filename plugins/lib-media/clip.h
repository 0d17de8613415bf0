// SPDX-License-Identifier: GPL-3.0-or-later
// A loaded piece of audio in the form the media server sends it: 8 kHz mono, kept as linear
// samples and as A-law and mu-law 20 ms frames (160 bytes each, the last one padded with
// silence). Clips are immutable once loaded and shared by every call that plays them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace portier::media {

inline constexpr int kSampleRate = 8000;
inline constexpr std::size_t kFrameSamples = 160;  // 20 ms at 8 kHz; one byte per G.711 sample
inline constexpr std::uint8_t kAlawSilence = 0xD5;
inline constexpr std::uint8_t kUlawSilence = 0xFF;

enum class Codec : std::uint8_t { pcmu = 0, pcma = 8 };  // value = static RTP payload type

struct Clip {
   std::vector<std::int16_t> samples;  // 8 kHz mono, exactly as long as the audio
   std::vector<std::uint8_t> alaw;     // frames * 160 bytes
   std::vector<std::uint8_t> ulaw;     // frames * 160 bytes

   std::size_t frames() const { return alaw.size() / kFrameSamples; }
   std::span<const std::uint8_t> frame(Codec codec, std::size_t index) const {
      const auto &bytes = codec == Codec::pcma ? alaw : ulaw;
      return std::span<const std::uint8_t>(bytes).subspan(index * kFrameSamples, kFrameSamples);
   }
};

// Builds both G.711 forms from 8 kHz mono linear samples.
Clip clip_from_samples(std::vector<std::int16_t> samples);

}  // namespace portier::media
