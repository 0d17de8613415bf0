// SPDX-License-Identifier: GPL-3.0-or-later
#include "portier/csta/framing.h"

namespace portier::csta {

namespace {
constexpr std::size_t kMinBodySize = 5;  // "<a/>" plus one byte: nothing shorter is a document

bool is_digit(char c) { return c >= '0' && c <= '9'; }
}  // namespace

std::optional<std::string> encode_frame(std::uint16_t invoke_id, std::string_view xml) {
   if (xml.size() > kMaxBodySize || invoke_id > kEventInvokeId) return std::nullopt;
   const auto length = static_cast<std::uint16_t>(kHeaderSize + xml.size());
   std::string frame;
   frame.reserve(length);
   frame.push_back('\0');
   frame.push_back('\0');
   frame.push_back(static_cast<char>(length >> 8));
   frame.push_back(static_cast<char>(length & 0xFF));
   unsigned rest = invoke_id;
   char digits[4];
   for (int i = 3; i >= 0; --i) {
      digits[i] = static_cast<char>('0' + rest % 10);
      rest /= 10;
   }
   frame.append(digits, 4);
   frame.append(xml);
   return frame;
}

std::optional<std::uint16_t> parse_invoke_id(std::string_view digits) {
   if (digits.size() != 4) return std::nullopt;
   unsigned value = 0;
   for (char c : digits) {
      if (!is_digit(c)) return std::nullopt;
      value = value * 10 + static_cast<unsigned>(c - '0');
   }
   return static_cast<std::uint16_t>(value);
}

std::string_view describe(FrameError error) {
   switch (error) {
   case FrameError::none: return "no error";
   case FrameError::bad_format_indicator: return "format indicator is not 00 00";
   case FrameError::length_too_small: return "frame length below header plus 5 bytes";
   case FrameError::bad_invoke_id: return "invoke id is not four ASCII digits";
   case FrameError::frame_too_large: return "frame longer than the configured maximum";
   }
   return "unknown frame error";
}

FrameReader::FrameReader(std::size_t max_frame_size) : max_frame_size_(max_frame_size) {}

void FrameReader::feed(std::string_view bytes) {
   if (failed()) return;
   // Views handed out by pop() end here, so the consumed prefix can go now.
   if (start_ > 0) {
      buffer_.erase(0, start_);
      start_ = 0;
   }
   buffer_.append(bytes);
}

std::optional<FrameView> FrameReader::pop() {
   if (failed() || buffered() < kHeaderSize) return std::nullopt;
   const auto *head = reinterpret_cast<const unsigned char *>(buffer_.data() + start_);
   if (head[0] != 0 || head[1] != 0) {
      error_ = FrameError::bad_format_indicator;
      return std::nullopt;
   }
   const std::size_t length = (std::size_t{head[2]} << 8) | head[3];
   if (length < kHeaderSize + kMinBodySize) {
      error_ = FrameError::length_too_small;
      return std::nullopt;
   }
   if (length > max_frame_size_) {
      error_ = FrameError::frame_too_large;
      return std::nullopt;
   }
   const auto invoke_id = parse_invoke_id(std::string_view(buffer_).substr(start_ + 4, 4));
   if (!invoke_id) {
      error_ = FrameError::bad_invoke_id;
      return std::nullopt;
   }
   if (buffered() < length) return std::nullopt;
   FrameView frame{*invoke_id, std::string_view(buffer_).substr(start_ + kHeaderSize, length - kHeaderSize)};
   start_ += length;
   consumed_ += length;
   return frame;
}

}  // namespace portier::csta
