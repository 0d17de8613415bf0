// SPDX-License-Identifier: GPL-3.0-or-later
// Text helpers for URLs and form bodies: percent-encoding (RFC 3986 unreserved characters kept)
// and the form of a URL that may appear in logs and error texts.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace portier::http {

// Percent-encodes everything but A-Z a-z 0-9 - . _ ~. [any]
std::string percent_encode(std::string_view text);

// An application/x-www-form-urlencoded body from name/value pairs, in the given order. [any]
std::string form_body(const std::vector<std::pair<std::string, std::string>> &fields);

// `url` without user info, query and fragment: "https://u:p@h/x?sig=1" -> "https://h/x". Error
// texts and logs use this, so a secret carried in a URL never leaves the client. [any]
std::string loggable_url(std::string_view url);

}  // namespace portier::http
