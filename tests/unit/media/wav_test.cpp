// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>

#include "g711.h"
#include "wav.h"
#include "wav_writer.h"

using namespace portier::media;
using namespace portier::media::test;

namespace {

// Sign changes per second of a mono signal: a sine of f Hz gives about 2f.
double crossings_per_second(const std::vector<std::int16_t> &s, int rate) {
   int n = 0;
   for (std::size_t i = 1; i < s.size(); ++i)
      if ((s[i - 1] < 0) != (s[i] < 0)) ++n;
   return n * static_cast<double>(rate) / static_cast<double>(s.size());
}

double rms(const std::vector<std::int16_t> &s, std::size_t skip) {
   double sum = 0;
   for (std::size_t i = skip; i + skip < s.size(); ++i) sum += static_cast<double>(s[i]) * s[i];
   return std::sqrt(sum / static_cast<double>(s.size() - 2 * skip)) / 32768.0;
}

}  // namespace

TEST_CASE("an 8 kHz mono PCM16 file is taken sample for sample") {
   const auto samples = sine_samples(8000, 440, 800, 0.5);
   std::vector<std::uint8_t> data;
   for (auto s : samples) {
      data.push_back(static_cast<std::uint8_t>(s));
      data.push_back(static_cast<std::uint8_t>(static_cast<std::uint16_t>(s) >> 8));
   }
   auto clip = decode_wav(wav_bytes({}, data), "tone.wav");
   REQUIRE(clip);
   CHECK(clip.value().samples == samples);
   CHECK(clip.value().frames() == 5);
   CHECK(clip.value().alaw.size() == 800);
   CHECK(clip.value().frame(Codec::pcma, 2)[0] == linear_to_alaw(samples[320]));
   CHECK(clip.value().frame(Codec::pcmu, 4)[159] == linear_to_ulaw(samples[799]));
}

TEST_CASE("a partial last frame is padded with silence of each law") {
   const auto data = sine_data({}, 440, 0.025, 0.5);  // 200 samples: one frame and 40 samples
   auto clip = decode_wav(wav_bytes({}, data), "short.wav");
   REQUIRE(clip);
   CHECK(clip.value().samples.size() == 200);
   CHECK(clip.value().frames() == 2);
   CHECK(clip.value().alaw.back() == kAlawSilence);
   CHECK(clip.value().ulaw.back() == kUlawSilence);
}

TEST_CASE("A-law and mu-law files keep their own codes bit for bit") {
   const WavSpec alaw{6, 1, 8000, 8};
   const auto a = sine_data(alaw, 1000, 0.1, 0.8);
   auto clip = decode_wav(wav_bytes(alaw, a), "a.wav");
   REQUIRE(clip);
   CHECK(std::vector<std::uint8_t>(clip.value().alaw.begin(), clip.value().alaw.begin() + 800) == a);
   CHECK(clip.value().samples[5] == alaw_to_linear(a[5]));

   const WavSpec ulaw{7, 1, 8000, 8};
   const auto u = sine_data(ulaw, 1000, 0.1, 0.8);
   auto uclip = decode_wav(wav_bytes(ulaw, u), "u.wav");
   REQUIRE(uclip);
   CHECK(std::vector<std::uint8_t>(uclip.value().ulaw.begin(), uclip.value().ulaw.begin() + 800) == u);
}

TEST_CASE("a 1 kHz sine at 48 kHz float becomes a 1 kHz sine at 8 kHz of the same level") {
   const WavSpec spec{3, 1, 48000, 32};
   auto clip = decode_wav(wav_bytes(spec, sine_data(spec, 1000, 1.0, 0.5)), "float48.wav");
   REQUIRE(clip);
   const auto &s = clip.value().samples;
   CHECK(s.size() == 8000);
   CHECK(crossings_per_second(s, 8000) == Approx(2000).margin(10));
   CHECK(rms(s, 200) == Approx(0.5 / std::sqrt(2.0)).epsilon(0.02));
}

TEST_CASE("stereo 44.1 kHz is averaged to mono and resampled to 8 kHz") {
   const WavSpec spec{1, 2, 44100, 16};
   auto clip = decode_wav(wav_bytes(spec, sine_data(spec, 440, 0.5, 0.5)), "stereo.wav");
   REQUIRE(clip);
   const auto &s = clip.value().samples;
   CHECK(s.size() == 4000);
   CHECK(crossings_per_second(s, 8000) == Approx(880).margin(8));
   CHECK(rms(s, 200) == Approx(0.5 / std::sqrt(2.0)).epsilon(0.02));
}

TEST_CASE("a tone above the new Nyquist frequency is filtered out, not folded back") {
   const WavSpec spec{1, 1, 48000, 16};
   auto clip = decode_wav(wav_bytes(spec, sine_data(spec, 6000, 0.5, 0.8)), "high.wav");
   REQUIRE(clip);
   // 6 kHz would alias to 2 kHz without the low-pass; the Blackman filter leaves < -50 dB.
   CHECK(rms(clip.value().samples, 200) < 0.8 * 0.003);
}

TEST_CASE("8, 24 and 32-bit PCM convert to 16 bits at the same level") {
   for (int bits : {8, 24, 32}) {
      const WavSpec spec{1, 1, 8000, bits};
      auto clip = decode_wav(wav_bytes(spec, sine_data(spec, 500, 0.2, 0.5)), "bits.wav");
      INFO(bits << " bits");
      REQUIRE(clip);
      CHECK(clip.value().samples.size() == 1600);
      CHECK(rms(clip.value().samples, 0) == Approx(0.5 / std::sqrt(2.0)).epsilon(0.02));
   }
}

TEST_CASE("unknown chunks are skipped, odd ones with their pad byte") {
   const WavSpec spec{};
   auto bytes = wav_bytes(spec, sine_data(spec, 440, 0.04, 0.5), "LIST", {'I', 'N', 'F', 'O', 'x'});
   auto clip = decode_wav(bytes, "list.wav");
   REQUIRE(clip);
   CHECK(clip.value().samples.size() == 320);
}

TEST_CASE("files that cannot be played are refused with a reason naming the file") {
   using Catch::Matchers::Contains;
   const WavSpec adpcm{2, 1, 8000, 4};
   auto r = decode_wav(wav_bytes(adpcm, std::vector<std::uint8_t>(100, 0)), "adpcm.wav");
   REQUIRE_FALSE(r);
   CHECK_THAT(r.message(), Contains("adpcm.wav") && Contains("ADPCM") && Contains("not supported"));

   r = decode_wav(wav_bytes({1, 0, 8000, 16}, std::vector<std::uint8_t>(100, 0)), "nochan.wav");
   REQUIRE_FALSE(r);
   CHECK_THAT(r.message(), Contains("nochan.wav: fmt chunk says 0 channels"));

   r = decode_wav(wav_bytes({}, {}), "empty.wav");
   REQUIRE_FALSE(r);
   CHECK_THAT(r.message(), Contains("empty.wav: data chunk holds no audio"));

   const std::vector<std::uint8_t> text{'h', 'e', 'l', 'l', 'o', ' ', 'w', 'o', 'r', 'l', 'd', '!'};
   r = decode_wav(text, "text.wav");
   REQUIRE_FALSE(r);
   CHECK_THAT(r.message(), Contains("text.wav: not a RIFF/WAVE file"));

   auto bytes = wav_bytes({}, std::vector<std::uint8_t>(1000, 0));
   bytes.resize(bytes.size() - 300);
   r = decode_wav(bytes, "cut.wav");
   REQUIRE_FALSE(r);
   CHECK_THAT(r.message(), Contains("cut.wav") && Contains("declares 1000 bytes but the file holds only 700"));

   auto no_data = wav_bytes({}, std::vector<std::uint8_t>(10, 0));
   no_data[36] = 'x';  // rename the data chunk
   r = decode_wav(no_data, "nodata.wav");
   REQUIRE_FALSE(r);
   CHECK_THAT(r.message(), Contains("nodata.wav: no data chunk"));

   r = decode_wav(wav_bytes({1, 1, 500, 16}, std::vector<std::uint8_t>(10, 0)), "slow.wav");
   REQUIRE_FALSE(r);
   CHECK_THAT(r.message(), Contains("sample rate 500 Hz"));

   r = decode_wav(wav_bytes({1, 200, 8000, 16}, std::vector<std::uint8_t>(400, 0)), "wide.wav");
   REQUIRE_FALSE(r);
   CHECK_THAT(r.message(), Contains("200 channels"));
}

TEST_CASE("a missing file is reported with its path") {
   auto r = load_wav("/nonexistent/portier/moh.wav");
   REQUIRE_FALSE(r);
   CHECK_THAT(r.message(), Catch::Matchers::StartsWith("/nonexistent/portier/moh.wav: cannot read"));
}
