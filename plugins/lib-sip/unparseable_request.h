// SPDX-License-Identifier: GPL-3.0-or-later
// The answer to a request that parse_message refused (RFC 3261 8.2 and 21.4.1, RFC 4475 3.1.2 and
// 3.3): when its start line still reads as a request and its top Via still says where to answer,
// the header lines are read loosely and a 400 goes back with what of Via, From, To, Call-ID and
// CSeq is clean enough to copy; 505 for another SIP version, 416 for a Request-URI scheme we do
// not serve, 501 for a method no RFC defines. Anything less than that is dropped: no Via, no
// answer (a response cannot be routed without one). Never for an ACK, never for a response.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "message.h"

namespace portier::sip {

struct LooseAnswer {
   int status = 0;      // 400, 416, 501 or 505
   std::string reason;  // the status line's phrase
   Via via;             // the request's top Via, where the answer goes (response_destination)
   std::string bytes;   // the whole response, ready to send
};

// `problem` is parse_message's error, used for the 400's reason phrase. Bounded by
// kMaxMessageSize like the parser; reads at most kMaxLooseHeaderLines header lines.
inline constexpr std::size_t kMaxLooseHeaderLines = 512;
std::optional<LooseAnswer> answer_unparseable(std::string_view bytes, std::string_view problem);

}  // namespace portier::sip
