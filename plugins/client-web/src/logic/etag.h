// SPDX-License-Identifier: GPL-3.0-or-later
// Entity tags for the front end's files, and the If-None-Match test that turns a repeated
// request into a 304.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace portier::web {

// A strong tag from what identifies one version of one representation: size, modification time
// (nanoseconds) and the content coding served ("" for identity), e.g. "\"1a2b-5f3e...-gzip\"".
std::string make_etag(std::uint64_t size, std::int64_t mtime_ns, std::string_view coding);

// True when If-None-Match `header` names `etag` or is "*". Weak comparison, as RFC 9110 asks
// for GET: a W/ prefix on either side is ignored. A header over 8 KiB matches nothing.
bool none_match_hits(std::string_view header, std::string_view etag);

}  // namespace portier::web
