// SPDX-License-Identifier: GPL-3.0-or-later
// How long a browser may keep a file of the front end. Vite names every bundle under assets/
// with a hash of its content, so such a file never changes and is cached for a year; everything
// else (index.html above all, which names the current bundles) is revalidated by ETag each time.
#pragma once

#include <string_view>

namespace portier::web {

inline constexpr std::string_view kCacheImmutable = "public, max-age=31536000, immutable";
inline constexpr std::string_view kCacheRevalidate = "no-cache";

// True for "assets/index-BTi6c9Xw.js", "assets/logo.4f3a2b1c.svg": a file directly or deeper
// under assets/ whose name ends with a '-' or '.' separated token of 8..64 letters, digits or
// '_' that has a digit or mixes upper and lower case (so "assets/component-template.js" is not).
bool is_hashed_asset(std::string_view relative);

// The Cache-Control value for the file at `relative` under the root.
std::string_view cache_control_for(std::string_view relative);

}  // namespace portier::web
