// SPDX-License-Identifier: GPL-3.0-or-later
// Who calls whom, read from an incoming INVITE's headers: the called number (Request-URI user
// part), the caller (P-Asserted-Identity, else From) with its display name, and the diversion
// history (Diversion, RFC 5806; History-Info, RFC 7044). Pure functions over header text; every
// input is bounded by the SIP message size and every loop by kMaxDiversions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace portier::trunk {

inline constexpr std::size_t kMaxDiversions = 32;  // header elements looked at, per header name

struct CallIdentity {
   std::string caller;       // "" when withheld or not a number-like user
   std::string caller_name;  // display name, "" when none
   std::string called;
   std::string diverted_from;    // the last diverting number, "" without diversion
   std::string original_called;  // the first number dialled; `called` without diversion
   std::int32_t diversion_reason = 0;  // PORTIER_PBX_FORWARD_* (1 CFU, 2 CFB, 3 CFNR) or 0
};

// The user part of a SIP/SIPS/tel URI or of a name-addr ("\"Name\" <sip:+49..@h>;tag=x"),
// percent-decoded; "" when there is none.
std::string uri_user(std::string_view value);
// The display name of a name-addr, unquoted; "" when absent.
std::string display_name(std::string_view value);
// Splits a header value at commas outside quotes and angle brackets, at most kMaxDiversions parts.
std::vector<std::string> split_header_list(std::string_view value);

struct IdentityHeaders {
   std::string request_uri;
   std::string from;
   std::vector<std::string> asserted_identity;  // P-Asserted-Identity values
   std::vector<std::string> diversion;          // Diversion values, message order
   std::vector<std::string> history_info;       // History-Info values, message order
};

CallIdentity read_identity(const IdentityHeaders &headers);

}  // namespace portier::trunk
