// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzzes lib-media's WAV reader (plugins/lib-media/wav.cpp with its resampler and G.711): a file
// decodes to a clip whose A-law and mu-law frames cover its samples, or fails with its name.
#include <cstddef>
#include <cstdint>
#include <span>

#include "broken_promise.h"
#include "wav.h"

using portier::fuzz::require;
using namespace portier::media;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
   auto clip = decode_wav(std::span<const std::uint8_t>(data, size), "fuzz.wav");
   if (!clip) {
      require(clip.message().rfind("fuzz.wav: ", 0) == 0, "an error names the file");
      return 0;
   }
   const Clip &c = clip.value();
   require(c.alaw.size() == c.ulaw.size(), "both G.711 forms have the same length");
   require(c.alaw.size() % kFrameSamples == 0, "whole frames");
   require(c.alaw.size() >= c.samples.size() && c.alaw.size() < c.samples.size() + kFrameSamples,
           "the frames cover the samples, padding less than one frame");
   return 0;
}
