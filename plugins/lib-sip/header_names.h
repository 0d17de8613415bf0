// SPDX-License-Identifier: GPL-3.0-or-later
// SIP header names: compact forms (RFC 3261 7.3.3 and the extensions that define one) and the
// names libosip2 keeps in typed fields rather than in its list of other headers.
#pragma once

#include <string>
#include <optional>
#include <string_view>

namespace portier::sip {

// Lower-case long form: "v" and "VIA" both give "via"; unknown names are only lower-cased.
std::string canonical_header_name(std::string_view name);

// Case-insensitive, compact and long forms equal.
bool same_header_name(std::string_view a, std::string_view b);

// True for headers osip parses into typed fields (Via, From, Contact, Authorization, ...).
bool osip_stores_apart(std::string_view name);

}  // namespace portier::sip

namespace portier::sip {

// The value of the first header called `name` (long or compact) in raw header text, trimmed;
// no unfolding. Used before osip has seen the bytes (stream framing, Content-Length checks).
std::optional<std::string_view> header_in_text(std::string_view headers, std::string_view name);

}  // namespace portier::sip
