// SPDX-License-Identifier: GPL-3.0-or-later
// Which file of the front end answers a GET or HEAD, with the headers that go with it: the
// decisions of request_target, content_type, cache_policy, accept_encoding and etag applied to
// the files on disk. No sockets here; the server only sends what this chose.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "accept_encoding.h"

namespace portier::web {

struct StaticRequest {
   std::string_view target;           // the request target, "/assets/app.js?v=1"
   std::string_view accept_encoding;  // "" when absent
   std::string_view if_none_match;    // "" when absent
};

struct StaticFile {
   enum class Status { ok, not_modified, not_found, bad_request };
   Status status = Status::not_found;
   std::filesystem::path file;        // what to send: the file or its .gz / .br copy
   std::uint64_t size = 0;            // of `file`
   std::string relative;              // the file under the root that answers ("index.html" for a route)
   std::string_view content_type;     // of the file itself, not of its compressed copy
   std::string_view cache_control;
   std::string etag;
   Encoding encoding = Encoding::identity;
   bool vary = false;                 // a compressed copy exists: caches must key on Accept-Encoding
   std::string why;                   // for not_found and bad_request
};

// `root` must be canonical (absolute, symlinks resolved). A file whose real path is outside it
// (a symlink out of the root) is not found. A path that is not found and whose last segment has
// no '.' is a route of the single-page app: index.html answers it.
StaticFile find_static_file(const std::filesystem::path &root, const StaticRequest &request);

}  // namespace portier::web
