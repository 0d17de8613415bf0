// SPDX-License-Identifier: GPL-3.0-or-later
// The path part of an HTTP request target, decoded and checked, as a path relative to the
// front end's root. Everything that could step out of the root ("..", an encoded slash, a
// backslash, a NUL) is refused here, before the file system is asked anything.
#pragma once

#include <string>
#include <string_view>

namespace portier::web {

struct TargetPath {
   enum class Kind {
      file,         // `relative` names a file under the root ("index.html" for "/")
      bad_request,  // not an origin-form target, a broken %-escape, a NUL: 400
      not_found,    // an escape attempt or a hidden name: 404, never a fallback to index.html
   };
   Kind kind = Kind::bad_request;
   std::string relative;  // "assets/app-1a2b3c4d.js"; segments joined by '/', never empty for `file`
   std::string why;       // for bad_request and not_found: what was wrong, for the answer's text
};

inline constexpr std::size_t kMaxTargetBytes = 4096;
inline constexpr std::size_t kMaxSegments = 32;

// Maps an origin-form target ("/assets/app.js?v=1") to a file path under the root. A directory
// ("/", "/help/") maps to its index.html.
TargetPath map_target(std::string_view target);

// 0..15 for a hexadecimal digit of a %-escape, -1 for anything else.
int hex_value(char c);

// The path of the target without query and fragment, not decoded ("/ws" for "/ws?x=1").
std::string_view target_path(std::string_view target);

}  // namespace portier::web
