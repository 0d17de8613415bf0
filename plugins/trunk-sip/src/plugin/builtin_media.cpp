// SPDX-License-Identifier: GPL-3.0-or-later
#include "builtin_media.h"

#include <cmath>
#include <cstdint>
#include <vector>

namespace portier::trunk {
namespace {

constexpr double kPi = 3.14159265358979323846;

// Adds a sine of `hz` at `level` (of full scale) over [from, from + length) samples, with 20 ms
// fades so that no note starts or ends with a click.
void add_tone(std::vector<std::int16_t> &samples, std::size_t from, std::size_t length, double hz, double level) {
   const std::size_t fade = media::kSampleRate / 50;
   for (std::size_t i = 0; i < length && from + i < samples.size(); ++i) {
      double gain = level;
      if (i < fade) gain *= static_cast<double>(i) / static_cast<double>(fade);
      if (length - i < fade) gain *= static_cast<double>(length - i) / static_cast<double>(fade);
      const double value = 32767.0 * gain * std::sin(2.0 * kPi * hz * static_cast<double>(i) / media::kSampleRate);
      const double mixed = samples[from + i] + value;
      samples[from + i] = static_cast<std::int16_t>(std::lround(std::fmax(-32767.0, std::fmin(32767.0, mixed))));
   }
}

}  // namespace

media::Clip ringback_clip() {
   constexpr int kOn = media::kSampleRate;          // 1 s of tone
   constexpr int kPeriod = 5 * media::kSampleRate;  // then 4 s of silence
   std::vector<std::int16_t> samples(kPeriod, 0);
   for (int i = 0; i < kOn; ++i) {
      samples[static_cast<std::size_t>(i)] =
          static_cast<std::int16_t>(std::lround(8000.0 * std::sin(2.0 * kPi * 425.0 * i / media::kSampleRate)));
   }
   return media::clip_from_samples(std::move(samples));
}

media::Clip busy_tone_clip() {
   constexpr std::size_t kHalf = media::kSampleRate * 48 / 100;  // 480 ms
   std::vector<std::int16_t> samples(8 * kHalf, 0);
   for (std::size_t beat = 0; beat < 4; ++beat) add_tone(samples, 2 * beat * kHalf, kHalf, 425.0, 0.25);
   return media::clip_from_samples(std::move(samples));
}

media::Clip default_music_clip() {
   // C major, rising and falling: C5 E5 G5 C6 G5 E5 D5 G4, 600 ms each, a fifth below each note.
   constexpr double kNotes[] = {523.25, 659.25, 783.99, 1046.50, 783.99, 659.25, 587.33, 392.00};
   constexpr std::size_t kNote = media::kSampleRate * 6 / 10;
   std::vector<std::int16_t> samples(std::size(kNotes) * kNote, 0);
   for (std::size_t n = 0; n < std::size(kNotes); ++n) {
      add_tone(samples, n * kNote, kNote, kNotes[n], 0.12);
      add_tone(samples, n * kNote, kNote, kNotes[n] * 2.0 / 3.0, 0.06);
   }
   return media::clip_from_samples(std::move(samples));
}

}  // namespace portier::trunk
