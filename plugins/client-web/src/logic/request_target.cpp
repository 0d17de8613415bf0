// SPDX-License-Identifier: GPL-3.0-or-later
#include "request_target.h"

#include <vector>

namespace portier::web {
namespace {

TargetPath refuse(TargetPath::Kind kind, std::string why) {
   TargetPath out;
   out.kind = kind;
   out.why = std::move(why);
   return out;
}

}  // namespace

int hex_value(char c) {
   if (c >= '0' && c <= '9') return c - '0';
   if (c >= 'a' && c <= 'f') return c - 'a' + 10;
   if (c >= 'A' && c <= 'F') return c - 'A' + 10;
   return -1;
}

std::string_view target_path(std::string_view target) {
   const std::size_t end = target.find_first_of("?#");
   return end == std::string_view::npos ? target : target.substr(0, end);
}

TargetPath map_target(std::string_view target) {
   using Kind = TargetPath::Kind;
   if (target.empty() || target.front() != '/') return refuse(Kind::bad_request, "the target must start with '/'");
   if (target.size() > kMaxTargetBytes) return refuse(Kind::bad_request, "the target is too long");
   const std::string_view path = target_path(target);

   // Split first, decode each segment after: an encoded '/' must never become a separator.
   std::vector<std::string> segments;
   std::size_t at = 1;
   bool directory = true;  // the path ends with '/' (or is "/")
   while (at <= path.size()) {
      const std::size_t slash = std::min(path.find('/', at), path.size());
      const std::string_view raw = path.substr(at, slash - at);
      at = slash + 1;
      directory = raw.empty();
      if (raw.empty()) continue;  // "//" and a trailing '/'
      std::string segment;
      for (std::size_t i = 0; i < raw.size(); ++i) {
         char c = raw[i];
         if (c == '%') {
            if (i + 2 >= raw.size()) return refuse(Kind::bad_request, "a broken %-escape");
            const int hi = hex_value(raw[i + 1]);
            const int lo = hex_value(raw[i + 2]);
            if (hi < 0 || lo < 0) return refuse(Kind::bad_request, "a broken %-escape");
            c = static_cast<char>(hi * 16 + lo);
            i += 2;
            if (c == '/' || c == '\\') return refuse(Kind::not_found, "an encoded slash");
         }
         if (c == '\0') return refuse(Kind::bad_request, "a NUL in the path");
         if (c == '\\') return refuse(Kind::not_found, "a backslash in the path");
         if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return refuse(Kind::bad_request, "a control character in the path");
         segment.push_back(c);
      }
      if (segment == ".." || segment == ".") return refuse(Kind::not_found, "a dot segment");
      if (segment.front() == '.') return refuse(Kind::not_found, "a hidden name");
      if (segments.size() >= kMaxSegments) return refuse(Kind::not_found, "too many path segments");
      segments.push_back(std::move(segment));
   }
   TargetPath out;
   out.kind = Kind::file;
   for (const std::string &s : segments) out.relative += (out.relative.empty() ? "" : "/") + s;
   if (directory) out.relative += out.relative.empty() ? "index.html" : "/index.html";
   return out;
}

}  // namespace portier::web
