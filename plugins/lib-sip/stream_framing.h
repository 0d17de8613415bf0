// SPDX-License-Identifier: GPL-3.0-or-later
// Cuts SIP messages out of a TCP/TLS byte stream by Content-Length (RFC 3261 18.3). Bounded: a
// message over the limit, or headers that never end within it, make the stream malformed.
// CRLF keep-alives (RFC 5626 4.4.1) between messages are skipped.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "message.h"

namespace portier::sip {

struct Frame {
   enum class Kind { need_more, message, malformed };
   Kind kind = Kind::need_more;
   std::string bytes;  // the whole message when kind == message
   std::string error;  // why, when kind == malformed
};

class StreamFramer {
public:
   explicit StreamFramer(std::size_t limit = kMaxMessageSize) : limit_(limit) {}
   void append(std::string_view bytes) { buffer_.append(bytes); }
   Frame next();  // call until need_more; after malformed the stream is to be closed
   std::size_t buffered() const { return buffer_.size(); }

private:
   std::size_t limit_;
   std::string buffer_;
};

}  // namespace portier::sip
