// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzzes client.web's request target check, portier::web::map_target, which decides from a
// browser's request line which file under the front end's root may be read.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "broken_promise.h"
#include "request_target.h"

using portier::fuzz::require;
using portier::web::TargetPath;

namespace {

// A mapped path never leaves the root: no empty, dot or hidden segment, no byte a file system
// or the check before it would read differently.
void require_inside_root(const std::string &relative) {
   require(!relative.empty() && relative.front() != '/', "a file's path is relative and not empty");
   std::size_t segments = 0;
   std::size_t at = 0;
   while (at <= relative.size()) {
      const std::size_t slash = std::min(relative.find('/', at), relative.size());
      const std::string_view segment = std::string_view(relative).substr(at, slash - at);
      at = slash + 1;
      ++segments;
      require(!segment.empty(), "a file's path has no empty segment");
      require(segment.front() != '.', "a file's path has no dot or hidden segment");
      for (const char c : segment) {
         const auto byte = static_cast<unsigned char>(c);
         require(byte >= 0x20 && byte != 0x7f && c != '\\', "a file's path has no control byte or backslash");
      }
   }
   require(segments <= portier::web::kMaxSegments + 1, "a file's path has at most kMaxSegments (+ index.html)");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
   const std::string_view target(reinterpret_cast<const char *>(data), size);
   const std::string_view path = portier::web::target_path(target);
   require(target.substr(0, path.size()) == path && path.find_first_of("?#") == std::string_view::npos,
           "target_path is the target up to its query or fragment");

   const TargetPath mapped = portier::web::map_target(target);
   if (mapped.kind != TargetPath::Kind::file) {
      require(!mapped.why.empty() && mapped.relative.empty(), "a refusal says why and names no file");
      return 0;
   }
   require(mapped.why.empty(), "a file carries no refusal text");
   require(target.size() <= portier::web::kMaxTargetBytes, "a target over the limit maps to no file");
   require_inside_root(mapped.relative);
   // The query never changes which file is read.
   const TargetPath again = portier::web::map_target(std::string(path) + "?v=1#top");
   require(again.kind == TargetPath::Kind::file && again.relative == mapped.relative,
           "the same path with another query maps to the same file");
   return 0;
}
