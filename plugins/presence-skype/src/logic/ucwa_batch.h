// SPDX-License-Identifier: GPL-3.0-or-later
// UCWA batching (docs/protocols/presence-calendar.md §5.2): many GETs in one POST to the
// application's batch link, as multipart/batching with one application/http part per request;
// the answer has one part per request, in any order. Each request part carries a Content-ID
// that a response part may echo; presence bodies also name their contact in _links.self, which
// is what presence.skype goes by first.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <portier/result.hpp>

namespace portier::skype {

// Beyond this many parts an answer is refused (a runaway or hostile server).
constexpr std::size_t kMaxBatchParts = 1000;

// The request body for GETs of `paths` (host-relative, "/ucwa/..."), parts numbered from 1 as
// their Content-ID. [any]
std::string batch_request_body(std::string_view boundary, std::string_view host, const std::vector<std::string> &paths);

// "multipart/batching;boundary=..." for the request's Content-Type header. [any]
std::string batch_content_type(std::string_view boundary);

struct BatchPart {
   long status = 0;          // the embedded response's status code
   std::string content_id;   // the part's Content-ID without <>, or ""
   std::string body;
};

// The answer's parts. `content_type` is the answer's Content-Type header (its boundary is used).
// Fails (PORTIER_ERR_INVALID, with the byte offset) on a missing boundary, a part without an
// HTTP status line, or more than kMaxBatchParts parts. [any]
Result<std::vector<BatchPart>> parse_batch_answer(std::string_view content_type, std::string_view body);

// "host:port" of an absolute URL, for the parts' Host header. [any]
std::string host_of(std::string_view url);

// The path and query of an absolute URL ("/" when it has none). [any]
std::string path_of(std::string_view url);

}  // namespace portier::skype
