// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzzes plugins/lib-csta: the input is a TCP byte stream cut into frames by FrameReader, each
// frame's XML read by one reused Parser; a request that parses must build and parse back equal;
// and every document expat accepts must read the same with our scanner (tree_dump.h).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

#include "broken_promise.h"
#include "portier/csta/builders.h"
#include "portier/csta/framing.h"
#include "portier/csta/parser.h"
#include "tree_dump.h"

using portier::fuzz::require;
using namespace portier::csta;

namespace {
template <typename T>
void check_round_trip(Parser &parser, const T &request) {
   const auto again = parser.parse(build(request));
   require(again.message.has_value(), "a built request parses");
   const T *same = std::get_if<T>(&*again.message);
   require(same != nullptr && *same == request, "a parsed request builds and parses back equal");
}

void check_message(Parser &parser, const Message &message) {
   std::visit(
      [&](const auto &m) {
         using T = std::decay_t<decltype(m)>;
         if constexpr (requires { build(m); }) {
            // Copy first: the next parse reuses the parser's buffers.
            const T copy = m;
            check_round_trip(parser, copy);
         }
      },
      message);
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
   const std::string_view bytes(reinterpret_cast<const char *>(data), size);
   Parser parser;
   // The same bytes as one document, then as a stream of frames fed in two parts.
   const auto direct = parser.parse(bytes);
   require(direct.message.has_value() != !direct.error.reason.empty(), "a message or an error with a reason");
   if (!direct) require(direct.error.offset <= size, "an error offset lies inside the document");
   if (direct) check_message(parser, *direct.message);

   if (const auto theirs = portier::csta::test::expat_dump(bytes)) {
      std::string why;
      const auto ours = portier::csta::test::our_dump(bytes, &why);
      const bool limit = why.find("nested deeper") != std::string::npos || why.find("more than") != std::string::npos ||
                         why.find("larger than") != std::string::npos;
      if (!limit) {
         require(ours.has_value(), "a document expat accepts is accepted");
         require(*ours == *theirs, "a document expat accepts reads the same");
      }
   }

   FrameReader reader(4096);
   const std::size_t half = size / 2;
   reader.feed(bytes.substr(0, half));
   for (int part = 0; part < 2; ++part) {
      while (const auto frame = reader.pop()) {
         require(frame->invoke_id <= 9999, "an invoke id has four digits");
         require(frame->xml.size() >= 5, "a frame body has at least 5 bytes");
         const auto result = parser.parse(frame->xml);
         if (result) check_message(parser, *result.message);
      }
      if (part == 0) reader.feed(bytes.substr(half));
   }
   require(!reader.failed() || !reader.pop(), "a failed reader hands out nothing");
   return 0;
}
