// SPDX-License-Identifier: GPL-3.0-or-later
// Test helper: WAV bytes written from code (sines, silence, any layout), so the tests need no
// binary fixtures.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace portier::media::test {

struct WavSpec {
   std::uint16_t format = 1;  // 1 PCM, 3 float, 6 A-law, 7 mu-law, anything else as given
   int channels = 1;
   int rate = 8000;
   int bits = 16;
};

// A complete file around already encoded sample bytes. `extra_chunk` (id + body) goes between
// fmt and data when its id is not empty; an odd body is padded as RIFF requires.
std::vector<std::uint8_t> wav_bytes(const WavSpec &spec, const std::vector<std::uint8_t> &data,
                                    const std::string &extra_id = "", const std::vector<std::uint8_t> &extra_body = {});

// `seconds` of a sine of `hz` at `amplitude` (0..1) in every channel, encoded per `spec`.
std::vector<std::uint8_t> sine_data(const WavSpec &spec, double hz, double seconds, double amplitude);

std::vector<std::int16_t> sine_samples(int rate, double hz, std::size_t count, double amplitude);

void write_file(const std::filesystem::path &path, const std::vector<std::uint8_t> &bytes);

}  // namespace portier::media::test
