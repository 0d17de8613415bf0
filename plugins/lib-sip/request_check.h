// SPDX-License-Identifier: GPL-3.0-or-later
// What a user agent server does with a request that parsed (RFC 3261 8.2, RFC 4475): go on, or
// answer it at once with an error. The checks run in the order of 8.2: method, Request-URI
// scheme, Require, body type, Accept, and last the offer itself (through a caller's SDP check,
// so lib-sip needs no SDP parser). ACK is never answered, CANCEL belongs to the transaction layer.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "message.h"

namespace portier::sip {

enum class Handling { accept, reject, drop };

struct RequestVerdict {
   Handling handling = Handling::accept;
   int status = 0;      // when rejected: 400, 405, 406, 415, 416, 420, 483, 501
   std::string reason;  // the status line's phrase; for 400 it says what is wrong
   std::vector<std::pair<std::string, std::string>> headers;  // Allow, Unsupported, Accept, ...
};

// Returns what is wrong with an SDP body, empty when it is usable.
using SdpCheck = std::function<std::string(std::string_view sdp)>;

struct RequestPolicy {
   // Methods the element answers itself; they make up Allow.
   std::vector<std::string> served_methods{"INVITE", "ACK", "BYE", "CANCEL", "OPTIONS",
                                           "UPDATE", "PRACK", "REFER", "NOTIFY", "INFO"};
   // Option tags a Require may name (RFC 4028 timer, RFC 3891 replaces). 100rel is not here:
   // reliable provisional responses are not implemented, PRACK is only tolerated.
   std::vector<std::string> option_tags{"timer", "replaces"};
   // A proxy or B2BUA leg forwards requests and answers Max-Forwards 0 with 483; an endpoint
   // such as trunk.sip consumes them and ignores the value (RFC 4475 3.3.11).
   bool forwards_requests = false;
   SdpCheck check_sdp;  // empty: SDP bodies are not looked into
};

// Every SIP method an RFC defines; any other is answered 501 (8.2.1).
bool is_known_method(std::string_view method);

RequestVerdict check_request(const Message &request, const RequestPolicy &policy = {});

// The response for a rejecting verdict: build_response plus the verdict's headers.
Message build_rejection(const Message &request, const RequestVerdict &verdict, std::string_view to_tag = {});

// "INVITE, ACK, ..." for an Allow header.
std::string allow_value(const RequestPolicy &policy);

// A reason phrase from free text: printable ASCII, one line, at most 120 bytes.
std::string reason_from(std::string_view text);

}  // namespace portier::sip
