// SPDX-License-Identifier: GPL-3.0-or-later
// Building SIP messages: a response from its request (RFC 3261 8.2.6), requests from their parts
// (8.1.1), and the two requests RFC 3261 derives from an INVITE: ACK of a non-2xx (17.1.1.3) and
// CANCEL (9.1). New tags, branches and Call-IDs.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "message.h"

namespace portier::sip {

// Copies Via, From, To, Call-ID and CSeq; adds `to_tag` to To when the request's To has none.
// `reason` empty gives the standard phrase.
Message build_response(const Message &request, int status, std::string_view to_tag = {},
                       std::string_view reason = {});

struct RequestParts {
   std::string method;       // INVITE, ACK, BYE, CANCEL, OPTIONS, REGISTER, UPDATE, REFER, PRACK, ...
   std::string request_uri;  // "sip:100@127.0.0.1:5090"
   std::string from;         // "<sip:trunk@host>;tag=abc"
   std::string to;           // "<sip:100@host>" (with ;tag= inside a dialog)
   std::string call_id;
   std::uint32_t cseq = 1;
   std::string via;  // whole Via value, e.g. via_value("UDP", "127.0.0.1", 5090, new_branch())
   std::string contact;  // empty: no Contact
   std::vector<std::string> routes;  // Route values, in order
   std::vector<std::pair<std::string, std::string>> headers;  // any further headers, in order
   std::string body;
   std::string content_type;
   int max_forwards = 70;
};

struct BuildResult {
   std::optional<Message> message;
   std::string error;  // which part osip refused
};

BuildResult build_request(const RequestParts &parts);

// 17.1.1.3: same Request-URI, Call-ID, From, CSeq number and top Via as the INVITE, To from the
// response, Route headers of the INVITE.
Message build_ack_for_failure(const Message &invite, const Message &response);

// 9.1: same Request-URI, Call-ID, From, To, CSeq number and top Via as the request being
// cancelled, Route headers copied.
Message build_cancel(const Message &request);

std::string new_branch();  // "z9hG4bK" + 16 random hex digits
std::string new_tag();     // 12 random hex digits
std::string new_call_id(std::string_view host);
std::string via_value(std::string_view transport, std::string_view host, std::uint16_t port,
                      std::string_view branch, bool rport = true);

}  // namespace portier::sip
