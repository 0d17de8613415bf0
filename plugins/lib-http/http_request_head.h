// SPDX-License-Identifier: GPL-3.0-or-later
// The head of an inbound HTTP/1.1 request (request line and header fields), as the notification
// listener reads it: bounded in size and field count, every failure an HTTP status to answer
// with and a text naming the byte offset. No body handling; the listener reads Content-Length
// bytes after the head.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace portier::http {

// Limits of one request head.
constexpr std::size_t kMaxRequestHead = 8192;   // bytes up to and including the blank line
constexpr std::size_t kMaxHeaderFields = 64;

struct RequestHead {
   std::string method;                                        // as sent, e.g. "POST"
   std::string path;                                          // the target up to '?'
   std::string query;                                         // after '?', still percent-encoded; "" if none
   std::vector<std::pair<std::string, std::string>> headers;  // names in lower case, values trimmed
   long long content_length = -1;                             // -1: no Content-Length field
   bool chunked = false;                                      // Transfer-Encoding names chunked
   bool expect_continue = false;                              // Expect: 100-continue

   // The first value of field `lower_name`, or "" when absent. [any]
   std::string_view header(std::string_view lower_name) const;
};

struct HeadProblem {
   int status = 400;    // the status to answer with: 400, 431 or 505
   std::string text;    // what is wrong and at which byte offset
};

// Where the head ends in `data` (the offset just past "\r\n\r\n"), or npos when more bytes are
// needed. [any]
std::size_t request_head_end(std::string_view data);

// Parses `head` (the bytes up to and including the blank line). Fails with 431 beyond
// kMaxRequestHead or kMaxHeaderFields, 505 for a version other than HTTP/1.0 or 1.1, and 400 for
// anything malformed, including a bad or repeated Content-Length. [any]
bool parse_request_head(std::string_view head, RequestHead &out, HeadProblem &problem);

// Percent-decodes a query value ('+' is a space). Invalid escapes are kept as they are. [any]
std::string query_decode(std::string_view text);

// The decoded value of `name` in `query` ("a=1&b=2"), or nothing when absent. [any]
bool query_value(std::string_view query, std::string_view name, std::string &value);

}  // namespace portier::http
