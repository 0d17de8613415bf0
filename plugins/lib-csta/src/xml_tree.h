// SPDX-License-Identifier: GPL-3.0-or-later
// A bounded, flat element tree read with expat: local names, leaf text and attributes, stored in
// one arena that is reused between documents. The message reader (parser.cpp) walks it.
#pragma once

#include <expat.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "portier/csta/parser.h"

namespace portier::csta {

inline constexpr int kNoNode = -1;

class XmlTree {
public:
   explicit XmlTree(ParseLimits limits);
   ~XmlTree();
   XmlTree(const XmlTree &) = delete;
   XmlTree &operator=(const XmlTree &) = delete;

   // Reads `xml`; on failure fills `error` and returns false.
   bool read(std::string_view xml, ParseError &error);

   int root() const { return nodes_.empty() ? kNoNode : 0; }
   std::string_view name(int node) const;
   std::size_t offset(int node) const { return nodes_[static_cast<std::size_t>(node)].offset; }
   // Leaf text without surrounding whitespace; "" for an element with children.
   std::string_view text(int node) const;
   std::string_view attribute(int node, std::string_view local_name) const;
   int first_child(int node) const { return nodes_[static_cast<std::size_t>(node)].first_child; }
   int next_sibling(int node) const { return nodes_[static_cast<std::size_t>(node)].next_sibling; }
   // The first child with this local name, or kNoNode.
   int child(int node, std::string_view local_name) const;

private:
   struct Node {
      std::uint32_t name_off = 0, name_len = 0;
      std::uint32_t text_off = 0, text_len = 0;
      std::uint32_t attr_begin = 0, attr_end = 0;
      std::uint32_t offset = 0;
      int parent = kNoNode, first_child = kNoNode, last_child = kNoNode, next_sibling = kNoNode;
      bool has_children = false;
   };
   struct Attribute {
      std::uint32_t name_off, name_len, value_off, value_len;
   };

   static void XMLCALL on_start(void *self, const XML_Char *name, const XML_Char **attributes);
   static void XMLCALL on_end(void *self, const XML_Char *name);
   static void XMLCALL on_text(void *self, const XML_Char *text, int length);
   static void XMLCALL on_doctype(void *self, const XML_Char *, const XML_Char *, const XML_Char *, int);
   void fail(std::string element, std::string reason);
   std::uint32_t store(std::string_view text);

   ParseLimits limits_;
   XML_Parser parser_;
   std::vector<Node> nodes_;
   std::vector<Attribute> attributes_;
   std::string arena_;
   int current_ = kNoNode;
   std::size_t depth_ = 0;
   bool failed_ = false;
   ParseError *error_ = nullptr;
};

}  // namespace portier::csta
