// SPDX-License-Identifier: GPL-3.0-or-later
// CSTA XML over TCP without SOAP (ECMA-323 annex "TCP"), as OpenScape Voice speaks it:
// 00 00 | length (uint16 big-endian, header included) | 4 ASCII digits invoke id | XML bytes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace portier::csta {

inline constexpr std::size_t kHeaderSize = 8;
inline constexpr std::size_t kMaxBodySize = 65535 - kHeaderSize;  // 65527
inline constexpr std::uint16_t kEventInvokeId = 9999;             // unsolicited events
inline constexpr std::uint16_t kMaxRequestInvokeId = 9998;

// One whole frame: the header then `xml`. Empty when `xml` is longer than kMaxBodySize or
// `invoke_id` is above 9999; the length counts bytes, so UTF-8 names are counted right.
std::optional<std::string> encode_frame(std::uint16_t invoke_id, std::string_view xml);

// "0042" -> 42; empty unless exactly four ASCII digits.
std::optional<std::uint16_t> parse_invoke_id(std::string_view digits);

enum class FrameError {
   none,
   bad_format_indicator,  // the first two bytes are not 00 00
   length_too_small,      // below header + 5 bytes, too short for any XML document
   bad_invoke_id,         // not four ASCII digits
   frame_too_large,       // above the reader's configured maximum
};
std::string_view describe(FrameError error);

// A complete frame inside the reader's buffer; `xml` is valid until the next feed().
struct FrameView {
   std::uint16_t invoke_id = 0;
   std::string_view xml;
   bool is_event() const { return invoke_id == kEventInvokeId; }
};

// Cuts a TCP byte stream into frames, however the stream was split or merged. After an error
// the reader stays failed: the caller drops the link, since scanning for the next header could
// land inside XML.
class FrameReader {
public:
   explicit FrameReader(std::size_t max_frame_size = kHeaderSize + kMaxBodySize);

   void feed(std::string_view bytes);
   // The next complete frame, or empty when more bytes are needed or the reader has failed.
   std::optional<FrameView> pop();

   FrameError error() const { return error_; }
   bool failed() const { return error_ != FrameError::none; }
   // Offset in the whole stream of the frame that failed (or of the next frame).
   std::uint64_t stream_offset() const { return consumed_; }
   std::size_t buffered() const { return buffer_.size() - start_; }

private:
   std::string buffer_;
   std::size_t start_ = 0;        // first byte not yet handed out
   std::uint64_t consumed_ = 0;   // bytes handed out as frames since the start
   std::size_t max_frame_size_;
   FrameError error_ = FrameError::none;
};

}  // namespace portier::csta
