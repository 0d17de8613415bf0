// SPDX-License-Identifier: GPL-3.0-or-later
// A bounded, flat element tree of one CSTA document: local names, leaf text and attributes,
// stored in one arena that is reused between documents. The message reader (parser.cpp) walks
// it. The document is read by our own scanner (xml_scan.cpp), not a general XML library: CSTA
// needs only elements, attributes, text, the five predefined entities, character references,
// CDATA, comments and processing instructions, and reading just that is several times faster
// than expat, which the event throughput target needs. A DOCTYPE is refused, so no entity can
// expand.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "portier/csta/parser.h"

namespace portier::csta {

inline constexpr int kNoNode = -1;

class XmlTree {
public:
   explicit XmlTree(ParseLimits limits) : limits_(limits) {}

   // Reads `xml`; on failure fills `error` and returns false.
   bool read(std::string_view xml, ParseError &error);

   int root() const { return nodes_.empty() ? kNoNode : 0; }
   std::string_view name(int node) const;
   std::size_t offset(int node) const { return nodes_[static_cast<std::size_t>(node)].offset; }
   // Leaf text without surrounding whitespace; "" for an element with children.
   std::string_view text(int node) const;
   std::string_view attribute(int node, std::string_view local_name) const;
   // The node's attributes in document order: local name and value.
   std::size_t attribute_count(int node) const;
   std::pair<std::string_view, std::string_view> attribute_at(int node, std::size_t index) const;
   int first_child(int node) const { return nodes_[static_cast<std::size_t>(node)].first_child; }
   int next_sibling(int node) const { return nodes_[static_cast<std::size_t>(node)].next_sibling; }
   // The first child with this local name, or kNoNode.
   int child(int node, std::string_view local_name) const;

private:
   friend class XmlScan;  // xml_scan.cpp fills the tree through the functions below

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

   void clear();
   // Opens an element below the current one; false (and `error` filled) past a limit.
   bool open(std::string_view local_name, std::size_t offset, ParseError &error);
   void add_attribute(std::string_view local_name, std::string_view value);
   void close();
   // Appends to the current element's text unless it has children (only leaf text matters).
   void add_text(std::string_view text);
   bool text_wanted() const;
   int current() const { return current_; }
   std::uint32_t store(std::string_view text);

   ParseLimits limits_;
   std::vector<Node> nodes_;
   std::vector<Attribute> attributes_;
   std::string arena_;
   std::vector<std::string_view> open_;  // qualified names of the open elements, for end tags
   std::string scratch_;                 // text with references, decoded
   int current_ = kNoNode;
   std::size_t depth_ = 0;
};

}  // namespace portier::csta
