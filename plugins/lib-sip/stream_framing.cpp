// SPDX-License-Identifier: GPL-3.0-or-later
#include "stream_framing.h"

#include <charconv>

#include "header_names.h"

namespace portier::sip {

Frame StreamFramer::next() {
   std::size_t lead = buffer_.find_first_not_of("\r\n");
   if (lead == std::string::npos) {
      buffer_.clear();  // only keep-alives so far
      return {};
   }
   buffer_.erase(0, lead);
   std::size_t end = buffer_.find("\r\n\r\n");
   std::size_t separator = 4;
   std::size_t lf_end = buffer_.find("\n\n");
   if (lf_end != std::string::npos && (end == std::string::npos || lf_end < end)) {
      end = lf_end;
      separator = 2;
   }
   if (end == std::string::npos) {
      if (buffer_.size() > limit_)
         return {Frame::Kind::malformed, {}, "headers exceed " + std::to_string(limit_) + " bytes without ending"};
      return {};
   }
   std::size_t header_size = end + separator;
   std::string_view headers(buffer_.data(), end);
   std::optional<std::string_view> length_text = header_in_text(headers, "content-length");
   if (!length_text) return {Frame::Kind::malformed, {}, "message on a stream has no Content-Length"};
   std::size_t length = 0;
   auto [ptr, ec] = std::from_chars(length_text->data(), length_text->data() + length_text->size(), length);
   if (ec != std::errc() || ptr != length_text->data() + length_text->size())
      return {Frame::Kind::malformed, {}, "Content-Length '" + std::string(*length_text) + "' is not a number"};
   if (length > limit_ || header_size + length > limit_)
      return {Frame::Kind::malformed, {},
              "message of " + std::to_string(header_size + length) + " bytes exceeds " + std::to_string(limit_)};
   if (buffer_.size() < header_size + length) return {};
   Frame frame{Frame::Kind::message, buffer_.substr(0, header_size + length), {}};
   buffer_.erase(0, header_size + length);
   return frame;
}

}  // namespace portier::sip
