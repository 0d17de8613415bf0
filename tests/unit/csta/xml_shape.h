// SPDX-License-Identifier: GPL-3.0-or-later
// The shape of a document read with expat directly, independent of the parser under test: its
// root, its default namespace and every element below it as "depth:name", in document order.
#pragma once

#include <expat.h>

#include <string>
#include <vector>

#include <catch2/catch.hpp>

namespace portier::csta::test {

struct Shape {
   std::string root;
   std::string ns;
   std::vector<std::string> children;
   int depth = 0;
};

// Fails the test on malformed XML.
inline Shape shape_of(const std::string &xml) {
   Shape shape;
   XML_Parser parser = XML_ParserCreate(nullptr);
   XML_SetUserData(parser, &shape);
   XML_SetElementHandler(
      parser,
      [](void *data, const XML_Char *name, const XML_Char **attributes) {
         auto &s = *static_cast<Shape *>(data);
         if (s.depth == 0) {
            s.root = name;
            for (auto a = attributes; a[0] != nullptr; a += 2) {
               if (std::string(a[0]) == "xmlns") s.ns = a[1];
            }
         } else {
            s.children.push_back(std::to_string(s.depth) + ":" + name);
         }
         ++s.depth;
      },
      [](void *data, const XML_Char *) { --static_cast<Shape *>(data)->depth; });
   const auto status = XML_Parse(parser, xml.data(), static_cast<int>(xml.size()), XML_TRUE);
   XML_ParserFree(parser);
   REQUIRE(status == XML_STATUS_OK);
   return shape;
}

}  // namespace portier::csta::test
