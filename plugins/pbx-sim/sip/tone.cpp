// SPDX-License-Identifier: GPL-3.0-or-later
#include "sip/tone.h"

#include <cmath>
#include <numbers>

namespace portier::pbxsim {

media::Clip make_tone() {
   constexpr double kHz = 425.0;
   constexpr double kAmplitude = 4000.0;  // about -18 dBFS
   std::vector<std::int16_t> samples(media::kSampleRate);  // 1 s: a whole number of periods
   for (std::size_t i = 0; i < samples.size(); ++i)
      samples[i] = static_cast<std::int16_t>(kAmplitude * std::sin(2.0 * std::numbers::pi * kHz * static_cast<double>(i) / media::kSampleRate));
   return media::clip_from_samples(std::move(samples));
}

}  // namespace portier::pbxsim
