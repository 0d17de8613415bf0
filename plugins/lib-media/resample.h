// SPDX-License-Identifier: GPL-3.0-or-later
// Sample-rate conversion of mono audio with a windowed-sinc (Blackman) low-pass FIR, evaluated
// polyphase: the cut-off sits at 45 % of the lower rate so nothing above the new Nyquist
// frequency folds back into the band.
#pragma once

#include <span>
#include <vector>

namespace portier::media {

// `in` at `in_rate` Hz to `out_rate` Hz; both rates in 1000..384000. Output length is
// floor(in.size() * out_rate / in_rate).
std::vector<float> resample(std::span<const float> in, int in_rate, int out_rate);

}  // namespace portier::media
