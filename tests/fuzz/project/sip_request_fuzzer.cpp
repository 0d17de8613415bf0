// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzzes trunk.sip's request path (plugins/lib-sip): stream framing, parse_message (strict and
// RFC 2543-tolerant), check_request with the SDP offer check, build_rejection, and
// answer_unparseable for what does not parse. Promises: a parse gives a message or an error;
// a rejection has a status of the vocabulary and reads back as that response with the request's
// Call-ID; a loose answer is one clean response (no NUL, one blank line at its end).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "broken_promise.h"
#include "message.h"
#include "message_build.h"
#include "offer_check.h"
#include "request_check.h"
#include "stream_framing.h"
#include "unparseable_request.h"

using portier::fuzz::require;
using namespace portier::sip;

namespace {

bool in_vocabulary(int status) {
   for (int known : {400, 405, 406, 415, 416, 420, 483, 501})
      if (status == known) return true;
   return false;
}

void check_parsed(const Message &message, const RequestPolicy &policy) {
   require(message.top_via().has_value(), "a parsed message has a top Via");
   if (!message.is_request()) return;
   RequestVerdict verdict = check_request(message, policy);
   if (verdict.handling != Handling::reject) return;
   require(in_vocabulary(verdict.status), "a rejection uses the check's statuses");
   require(verdict.reason.size() <= 120, "a reason phrase is at most 120 bytes");
   for (char c : verdict.reason) require(static_cast<unsigned char>(c) >= 0x20, "a reason phrase is one line");
   Message response = build_rejection(message, verdict);
   ParseResult reread = parse_message(response.serialize());
   require(reread.message.has_value(), "a rejection reads back as a response");
   require(reread.message->status() == verdict.status, "the rejection keeps its status");
   require(reread.message->call_id() == message.call_id(), "the rejection keeps the Call-ID");
}

void check_loose(std::string_view bytes, const std::string &error) {
   std::optional<LooseAnswer> answer = answer_unparseable(bytes, error);
   if (!answer) return;
   require(answer->status == 400 || answer->status == 416 || answer->status == 501 || answer->status == 505,
           "a loose answer uses 400, 416, 501 or 505");
   require(answer->bytes.rfind("SIP/2.0 " + std::to_string(answer->status) + " ", 0) == 0, "it starts with its status line");
   require(answer->bytes.find('\0') == std::string::npos, "it carries no NUL");
   std::size_t blank = answer->bytes.find("\r\n\r\n");
   require(blank != std::string::npos && blank + 4 == answer->bytes.size(), "its only blank line ends it");
   require(!answer->via.host.empty(), "it knows where to go");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
   const std::string_view bytes(reinterpret_cast<const char *>(data), size);
   RequestPolicy policy;
   policy.check_sdp = portier::media::offer_problem;

   for (bool rfc2543 : {false, true}) {
      ParseResult parsed = parse_message(bytes, ParseOptions{.stream = false, .rfc2543 = rfc2543});
      require(parsed.message.has_value() != !parsed.error.empty(), "a parse gives a message or an error, not both");
      if (parsed.message) check_parsed(*parsed.message, policy);
      else if (rfc2543) check_loose(bytes, parsed.error);
   }

   // The same bytes as a TCP stream, cut in two, as a peer's writes may arrive.
   StreamFramer framer(4096);
   framer.append(bytes.substr(0, size / 2));
   framer.append(bytes.substr(size / 2));
   for (int guard = 0; guard < 64; ++guard) {
      Frame frame = framer.next();
      if (frame.kind != Frame::Kind::message) break;
      require(!frame.bytes.empty() && frame.bytes.size() <= 4096, "a frame is within the limit");
      ParseResult parsed = parse_message(frame.bytes, ParseOptions{.stream = true, .rfc2543 = true});
      if (parsed.message) check_parsed(*parsed.message, policy);
   }
   return 0;
}
