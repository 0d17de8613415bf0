// SPDX-License-Identifier: GPL-3.0-or-later
#include "wav_writer.h"

#include <cmath>
#include <cstring>
#include <fstream>

#include "g711.h"

namespace portier::media::test {
namespace {

void put16(std::vector<std::uint8_t> &out, unsigned v) {
   out.push_back(static_cast<std::uint8_t>(v));
   out.push_back(static_cast<std::uint8_t>(v >> 8));
}
void put32(std::vector<std::uint8_t> &out, std::uint32_t v) {
   for (int i = 0; i < 4; ++i) out.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
}
void put_chunk(std::vector<std::uint8_t> &out, const std::string &id, const std::vector<std::uint8_t> &body) {
   out.insert(out.end(), id.begin(), id.end());
   put32(out, static_cast<std::uint32_t>(body.size()));
   out.insert(out.end(), body.begin(), body.end());
   if (body.size() & 1) out.push_back(0);
}

}  // namespace

std::vector<std::uint8_t> wav_bytes(const WavSpec &spec, const std::vector<std::uint8_t> &data,
                                    const std::string &extra_id, const std::vector<std::uint8_t> &extra_body) {
   std::vector<std::uint8_t> fmt;
   const unsigned block = static_cast<unsigned>(spec.channels * spec.bits / 8);
   put16(fmt, spec.format);
   put16(fmt, static_cast<unsigned>(spec.channels));
   put32(fmt, static_cast<std::uint32_t>(spec.rate));
   put32(fmt, static_cast<std::uint32_t>(spec.rate) * block);
   put16(fmt, block);
   put16(fmt, static_cast<unsigned>(spec.bits));
   std::vector<std::uint8_t> body{'W', 'A', 'V', 'E'};
   put_chunk(body, "fmt ", fmt);
   if (!extra_id.empty()) put_chunk(body, extra_id, extra_body);
   put_chunk(body, "data", data);
   std::vector<std::uint8_t> out{'R', 'I', 'F', 'F'};
   put32(out, static_cast<std::uint32_t>(body.size()));
   out.insert(out.end(), body.begin(), body.end());
   return out;
}

std::vector<std::int16_t> sine_samples(int rate, double hz, std::size_t count, double amplitude) {
   std::vector<std::int16_t> s(count);
   for (std::size_t i = 0; i < count; ++i)
      s[i] = static_cast<std::int16_t>(std::lround(amplitude * 32767.0 * std::sin(2 * M_PI * hz * static_cast<double>(i) / rate)));
   return s;
}

std::vector<std::uint8_t> sine_data(const WavSpec &spec, double hz, double seconds, double amplitude) {
   const auto count = static_cast<std::size_t>(seconds * spec.rate);
   std::vector<std::uint8_t> out;
   for (std::size_t i = 0; i < count; ++i) {
      const double v = amplitude * std::sin(2 * M_PI * hz * static_cast<double>(i) / spec.rate);
      for (int c = 0; c < spec.channels; ++c) {
         const auto s16 = static_cast<std::int16_t>(std::lround(v * 32767.0));
         if (spec.format == 3) {
            const float f = static_cast<float>(v);
            std::uint8_t b[4];
            std::memcpy(b, &f, 4);
            out.insert(out.end(), b, b + 4);
         } else if (spec.format == 6) {
            out.push_back(linear_to_alaw(s16));
         } else if (spec.format == 7) {
            out.push_back(linear_to_ulaw(s16));
         } else if (spec.bits == 8) {
            out.push_back(static_cast<std::uint8_t>(std::lround(v * 127.0) + 128));
         } else if (spec.bits == 24) {
            const auto s24 = static_cast<std::int32_t>(std::lround(v * 8388607.0));
            for (int k = 0; k < 3; ++k) out.push_back(static_cast<std::uint8_t>(s24 >> (8 * k)));
         } else if (spec.bits == 32) {
            const auto s32 = static_cast<std::int32_t>(std::lround(v * 2147483647.0));
            for (int k = 0; k < 4; ++k) out.push_back(static_cast<std::uint8_t>(static_cast<std::uint32_t>(s32) >> (8 * k)));
         } else {
            put16(out, static_cast<std::uint16_t>(s16));
         }
      }
   }
   return out;
}

void write_file(const std::filesystem::path &path, const std::vector<std::uint8_t> &bytes) {
   std::ofstream f(path, std::ios::binary);
   f.write(reinterpret_cast<const char *>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
}

}  // namespace portier::media::test
