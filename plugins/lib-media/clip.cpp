// SPDX-License-Identifier: GPL-3.0-or-later
#include "clip.h"

#include "g711.h"

namespace portier::media {

Clip clip_from_samples(std::vector<std::int16_t> samples) {
   Clip clip;
   const std::size_t frames = (samples.size() + kFrameSamples - 1) / kFrameSamples;
   clip.alaw.assign(frames * kFrameSamples, kAlawSilence);
   clip.ulaw.assign(frames * kFrameSamples, kUlawSilence);
   encode_alaw(samples, clip.alaw);
   encode_ulaw(samples, clip.ulaw);
   clip.samples = std::move(samples);
   return clip;
}

}  // namespace portier::media
