// SPDX-License-Identifier: GPL-3.0-or-later
#include "resample.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numeric>

namespace portier::media {
namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr std::int64_t kMaxTableEntries = 1 << 21;  // 8 MB of floats; beyond it taps are computed

struct Kernel {
   double cutoff = 0;  // cycles per input sample
   int half_width = 0; // taps on each side of the centre, in input samples

   double at(double d) const {
      if (d <= -half_width || d >= half_width) return 0.0;
      const double x = 2.0 * cutoff * d;
      const double sinc = x == 0.0 ? 1.0 : std::sin(kPi * x) / (kPi * x);
      const double w = (d + half_width) / (2.0 * half_width);  // 0..1 across the window
      const double blackman = 0.42 - 0.5 * std::cos(2 * kPi * w) + 0.08 * std::cos(4 * kPi * w);
      return 2.0 * cutoff * sinc * blackman;
   }
};

Kernel design(int in_rate, int out_rate) {
   const double lower = std::min(in_rate, out_rate);
   Kernel k;
   k.cutoff = 0.45 * lower / in_rate;
   // A Blackman window needs about 5.5 / transition taps; the transition is 10 % of the
   // lower rate (from 45 % to 55 %), so aliases land above 45 % of the new rate.
   const double transition = 0.1 * lower / in_rate;
   k.half_width = static_cast<int>(std::ceil(5.5 / transition / 2.0));
   return k;
}

}  // namespace

std::vector<float> resample(std::span<const float> in, int in_rate, int out_rate) {
   if (in_rate == out_rate) return {in.begin(), in.end()};
   const std::int64_t g = std::gcd(in_rate, out_rate);
   const std::int64_t step = in_rate / g;    // input advance per output sample, in 1/phases
   const std::int64_t phases = out_rate / g;  // distinct fractional positions
   const Kernel kernel = design(in_rate, out_rate);
   const int taps = 2 * kernel.half_width;

   // Precompute one row of taps per phase when it fits; odd rate pairs fall back to computing.
   std::vector<float> table;
   const bool tabled = phases * taps <= kMaxTableEntries;
   if (tabled) {
      table.resize(static_cast<std::size_t>(phases * taps));
      for (std::int64_t p = 0; p < phases; ++p) {
         const double frac = static_cast<double>(p) / static_cast<double>(phases);
         for (int j = 0; j < taps; ++j)
            table[static_cast<std::size_t>(p * taps + j)] =
               static_cast<float>(kernel.at(j - kernel.half_width + 1 - frac));
      }
   }

   const std::int64_t n_in = static_cast<std::int64_t>(in.size());
   const std::int64_t n_out = n_in * out_rate / in_rate;
   std::vector<float> out(static_cast<std::size_t>(n_out));
   for (std::int64_t n = 0; n < n_out; ++n) {
      const std::int64_t pos = n * step;  // in 1/phases of an input sample
      const std::int64_t base = pos / phases;
      const std::int64_t phase = pos % phases;
      const double frac = static_cast<double>(phase) / static_cast<double>(phases);
      double acc = 0.0;
      for (int j = 0; j < taps; ++j) {
         const std::int64_t k = base + j - kernel.half_width + 1;
         if (k < 0 || k >= n_in) continue;  // silence beyond both ends
         const double h = tabled ? table[static_cast<std::size_t>(phase * taps + j)]
                                 : kernel.at(j - kernel.half_width + 1 - frac);
         acc += h * in[static_cast<std::size_t>(k)];
      }
      out[static_cast<std::size_t>(n)] = static_cast<float>(acc);
   }
   return out;
}

}  // namespace portier::media
