// SPDX-License-Identifier: GPL-3.0-or-later
#include "wav.h"

#include <cmath>
#include <cstring>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "g711.h"
#include "resample.h"

namespace portier::media {
namespace {

constexpr std::uint16_t kFormatPcm = 1;
constexpr std::uint16_t kFormatFloat = 3;
constexpr std::uint16_t kFormatAlaw = 6;
constexpr std::uint16_t kFormatUlaw = 7;
constexpr std::uint16_t kFormatExtensible = 0xFFFE;
constexpr int kMaxChannels = 16;
constexpr int kMinRate = 1000;
constexpr int kMaxRate = 384000;
constexpr int kMaxChunks = 4096;  // a RIFF file with more chunks than this is not audio we play

struct Format {
   std::uint16_t tag = 0;
   int channels = 0;
   int rate = 0;
   int bits = 0;
};

std::uint16_t le16(const std::uint8_t *p) { return static_cast<std::uint16_t>(p[0] | (p[1] << 8)); }
std::uint32_t le32(const std::uint8_t *p) {
   return static_cast<std::uint32_t>(p[0]) | (static_cast<std::uint32_t>(p[1]) << 8) |
          (static_cast<std::uint32_t>(p[2]) << 16) | (static_cast<std::uint32_t>(p[3]) << 24);
}

Error fail(std::string_view name, const std::string &what) {
   return error(PORTIER_ERR_INVALID, std::string(name) + ": " + what);
}

std::string format_name(std::uint16_t tag) {
   switch (tag) {
   case 2: return "format 2 (MS ADPCM)";
   case 0x11: return "format 17 (IMA ADPCM)";
   case 0x31: return "format 49 (GSM 6.10)";
   case 0x55: return "format 85 (MP3)";
   default: return "format " + std::to_string(tag);
   }
}

Result<Format> read_fmt(std::span<const std::uint8_t> body, std::string_view name) {
   if (body.size() < 16) return fail(name, "fmt chunk is " + std::to_string(body.size()) + " bytes, needs 16");
   Format f;
   f.tag = le16(&body[0]);
   f.channels = le16(&body[2]);
   f.rate = static_cast<int>(std::min<std::uint32_t>(le32(&body[4]), 0x7FFFFFFF));
   f.bits = le16(&body[14]);
   if (f.tag == kFormatExtensible) {
      if (body.size() < 40) return fail(name, "extensible fmt chunk is " + std::to_string(body.size()) + " bytes, needs 40");
      f.tag = le16(&body[24]);  // the sub-format GUID starts with the plain format tag
   }
   if (f.tag != kFormatPcm && f.tag != kFormatFloat && f.tag != kFormatAlaw && f.tag != kFormatUlaw)
      return fail(name, format_name(f.tag) + " is not supported; use PCM, IEEE float, A-law or mu-law");
   if (f.channels == 0) return fail(name, "fmt chunk says 0 channels");
   if (f.channels > kMaxChannels)
      return fail(name, std::to_string(f.channels) + " channels is more than " + std::to_string(kMaxChannels));
   if (f.rate < kMinRate || f.rate > kMaxRate)
      return fail(name, "sample rate " + std::to_string(f.rate) + " Hz is outside 1000..384000");
   const bool ok_bits = (f.tag == kFormatPcm && (f.bits == 8 || f.bits == 16 || f.bits == 24 || f.bits == 32)) ||
                        (f.tag == kFormatFloat && (f.bits == 32 || f.bits == 64)) ||
                        ((f.tag == kFormatAlaw || f.tag == kFormatUlaw) && f.bits == 8);
   if (!ok_bits) return fail(name, std::to_string(f.bits) + " bits per sample is not supported for " + format_name(f.tag));
   return f;
}

// One sample of any supported layout, scaled to [-1, 1).
double sample_at(const Format &f, const std::uint8_t *p) {
   switch (f.tag) {
   case kFormatAlaw: return alaw_to_linear(*p) / 32768.0;
   case kFormatUlaw: return ulaw_to_linear(*p) / 32768.0;
   case kFormatFloat: {
      if (f.bits == 32) {
         float v;
         std::memcpy(&v, p, 4);
         return std::isfinite(v) ? v : 0.0;
      }
      double v;
      std::memcpy(&v, p, 8);
      return std::isfinite(v) ? v : 0.0;
   }
   default: break;
   }
   switch (f.bits) {
   case 8: return (static_cast<int>(*p) - 128) / 128.0;  // 8-bit PCM is unsigned
   case 16: return static_cast<std::int16_t>(le16(p)) / 32768.0;
   case 24: {
      std::int32_t v = static_cast<std::int32_t>(p[0] | (p[1] << 8) | (p[2] << 16));
      if (v & 0x800000) v -= 0x1000000;
      return v / 8388608.0;
   }
   default: return static_cast<std::int32_t>(le32(p)) / 2147483648.0;
   }
}

std::int16_t to_int16(double v) {
   const double scaled = std::round(v * 32768.0);
   if (scaled > 32767.0) return 32767;
   if (scaled < -32768.0) return -32768;
   return static_cast<std::int16_t>(scaled);
}

Clip convert(const Format &f, std::span<const std::uint8_t> data, std::size_t frames) {
   const std::size_t width = static_cast<std::size_t>(f.bits / 8);
   const std::size_t block = width * static_cast<std::size_t>(f.channels);
   const bool native = f.channels == 1 && f.rate == kSampleRate;

   if (native && f.tag == kFormatPcm && f.bits == 16) {
      std::vector<std::int16_t> s(frames);
      for (std::size_t i = 0; i < frames; ++i) s[i] = static_cast<std::int16_t>(le16(&data[2 * i]));
      return clip_from_samples(std::move(s));
   }
   if (native && (f.tag == kFormatAlaw || f.tag == kFormatUlaw)) {
      // Keep the file's own codes for its own law, so they go out bit for bit.
      std::vector<std::int16_t> s(frames);
      if (f.tag == kFormatAlaw)
         decode_alaw(data.first(frames), s);
      else
         decode_ulaw(data.first(frames), s);
      Clip clip = clip_from_samples(std::move(s));
      auto &own = f.tag == kFormatAlaw ? clip.alaw : clip.ulaw;
      std::memcpy(own.data(), data.data(), frames);
      return clip;
   }

   std::vector<float> mono(frames);
   for (std::size_t i = 0; i < frames; ++i) {
      double sum = 0;
      for (int c = 0; c < f.channels; ++c) sum += sample_at(f, &data[i * block + static_cast<std::size_t>(c) * width]);
      mono[i] = static_cast<float>(sum / f.channels);
   }
   const std::vector<float> at8k = resample(mono, f.rate, kSampleRate);
   std::vector<std::int16_t> s(at8k.size());
   for (std::size_t i = 0; i < at8k.size(); ++i) s[i] = to_int16(at8k[i]);
   return clip_from_samples(std::move(s));
}

}  // namespace

Result<Clip> decode_wav(std::span<const std::uint8_t> bytes, std::string_view name) {
   if (bytes.size() > kMaxWavBytes)
      return fail(name, "file is " + std::to_string(bytes.size()) + " bytes, more than the limit of " + std::to_string(kMaxWavBytes));
   if (bytes.size() < 12 || std::memcmp(bytes.data(), "RIFF", 4) != 0 || std::memcmp(bytes.data() + 8, "WAVE", 4) != 0)
      return fail(name, "not a RIFF/WAVE file (no RIFF....WAVE header)");

   // The RIFF size is often wrong in files written by streaming tools; the file's length rules.
   std::optional<Format> format;
   std::span<const std::uint8_t> data;
   bool have_data = false;
   std::size_t pos = 12;
   for (int chunks = 0; pos + 8 <= bytes.size(); ++chunks) {
      if (chunks == kMaxChunks) return fail(name, "more than " + std::to_string(kMaxChunks) + " chunks");
      const std::string id(reinterpret_cast<const char *>(&bytes[pos]), 4);
      const std::size_t size = le32(&bytes[pos + 4]);
      const std::size_t body = pos + 8;
      const std::size_t left = bytes.size() - body;
      if (id == "fmt ") {
         if (size > left) return fail(name, "fmt chunk at byte " + std::to_string(pos) + " is truncated");
         auto f = read_fmt(bytes.subspan(body, size), name);
         if (!f) return f.error();
         format = f.value();
      } else if (id == "data") {
         if (size > left)
            return fail(name, "data chunk at byte " + std::to_string(pos) + " declares " + std::to_string(size) +
                                 " bytes but the file holds only " + std::to_string(left) + " (truncated)");
         data = bytes.subspan(body, size);
         have_data = true;
      }
      // Other chunks (LIST, fact, cue, ...) are skipped; chunks are padded to an even size.
      if (size > left) break;
      pos = body + size + (size & 1);
   }
   if (!format) return fail(name, "no fmt chunk");
   if (!have_data) return fail(name, "no data chunk");

   const std::size_t block = static_cast<std::size_t>(format->bits / 8) * static_cast<std::size_t>(format->channels);
   const std::size_t frames = data.size() / block;  // a trailing partial frame is dropped
   if (frames == 0) return fail(name, "data chunk holds no audio");
   Clip clip = convert(*format, data, frames);
   if (clip.samples.empty()) return fail(name, "audio is too short to give one sample at 8000 Hz");
   return clip;
}

Result<Clip> load_wav(const std::filesystem::path &path) {
   const std::string name = path.string();
   std::error_code ec;
   const auto size = std::filesystem::file_size(path, ec);
   if (ec) return error(PORTIER_ERR_NOT_FOUND, name + ": cannot read: " + ec.message());
   if (size > kMaxWavBytes)
      return fail(name, "file is " + std::to_string(size) + " bytes, more than the limit of " + std::to_string(kMaxWavBytes));
   std::ifstream in(path, std::ios::binary);
   if (!in) return error(PORTIER_ERR_NOT_FOUND, name + ": cannot open");
   std::vector<std::uint8_t> bytes(static_cast<std::size_t>(size));
   in.read(reinterpret_cast<char *>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
   if (static_cast<std::size_t>(in.gcount()) != bytes.size()) return fail(name, "short read");
   return decode_wav(bytes, name);
}

}  // namespace portier::media
