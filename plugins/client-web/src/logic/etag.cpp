// SPDX-License-Identifier: GPL-3.0-or-later
#include "etag.h"

#include <cstdio>

namespace portier::web {
namespace {

constexpr std::size_t kMaxIfNoneMatchBytes = 8 * 1024;
constexpr std::size_t kMaxTags = 64;

std::string_view strip_weak(std::string_view tag) {
   return tag.substr(0, 2) == "W/" ? tag.substr(2) : tag;
}

}  // namespace

std::string make_etag(std::uint64_t size, std::int64_t mtime_ns, std::string_view coding) {
   char text[64];
   std::snprintf(text, sizeof text, "\"%llx-%llx", static_cast<unsigned long long>(size),
                 static_cast<unsigned long long>(mtime_ns));
   std::string tag(text);
   if (!coding.empty()) tag.append("-").append(coding);
   return tag + "\"";
}

bool none_match_hits(std::string_view header, std::string_view etag) {
   if (header.size() > kMaxIfNoneMatchBytes) return false;
   const std::string_view wanted = strip_weak(etag);
   std::size_t at = 0;
   for (std::size_t n = 0; n < kMaxTags && at < header.size(); ++n) {
      while (at < header.size() && (header[at] == ' ' || header[at] == '\t' || header[at] == ',')) ++at;
      if (at >= header.size()) break;
      if (header[at] == '*') return true;
      std::size_t start = at;
      if (header.substr(at, 2) == "W/") at += 2;
      if (at >= header.size() || header[at] != '"') return false;  // not a list of tags
      const std::size_t close = header.find('"', at + 1);
      if (close == std::string_view::npos) return false;
      if (strip_weak(header.substr(start, close + 1 - start)) == wanted) return true;
      at = close + 1;
   }
   return false;
}

}  // namespace portier::web
