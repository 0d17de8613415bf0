// SPDX-License-Identifier: GPL-3.0-or-later
// Which transaction a message belongs to (RFC 3261 17.1.3 and 17.2.3, with the RFC 2543
// fallback for requests whose branch lacks the magic cookie).
#pragma once

#include <string>
#include <string_view>

#include "message.h"

namespace portier::sip {

// The server transaction of a request; ACK maps to its INVITE's. `method` overrides the
// request's method (CANCEL looks up its INVITE with method "INVITE"). Empty when unmatched.
std::string server_key(const Message &request, std::string_view method = {});

// The client transaction a response belongs to (top Via branch and CSeq method).
std::string client_key(const Message &response);
std::string client_key(std::string_view branch, std::string_view method);

}  // namespace portier::sip
