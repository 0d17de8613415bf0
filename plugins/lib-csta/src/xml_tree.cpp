// SPDX-License-Identifier: GPL-3.0-or-later
#include "xml_tree.h"

namespace portier::csta {

namespace {
bool is_text_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
}  // namespace

void XmlTree::clear() {
   nodes_.clear();
   attributes_.clear();
   arena_.clear();
   current_ = kNoNode;
   depth_ = 0;
}

std::uint32_t XmlTree::store(std::string_view text) {
   const auto at = static_cast<std::uint32_t>(arena_.size());
   arena_.append(text);
   return at;
}

bool XmlTree::open(std::string_view local_name, std::size_t offset, ParseError &error) {
   if (depth_ >= limits_.max_depth) {
      error.element = std::string(local_name);
      error.offset = offset;
      error.reason = "nested deeper than " + std::to_string(limits_.max_depth);
      return false;
   }
   if (nodes_.size() >= limits_.max_elements) {
      error.element = std::string(local_name);
      error.offset = offset;
      error.reason = "more than " + std::to_string(limits_.max_elements) + " elements";
      return false;
   }
   Node node;
   node.name_off = store(local_name);
   node.name_len = static_cast<std::uint32_t>(local_name.size());
   node.offset = static_cast<std::uint32_t>(offset);
   node.parent = current_;
   node.attr_begin = node.attr_end = static_cast<std::uint32_t>(attributes_.size());
   const int index = static_cast<int>(nodes_.size());
   if (current_ != kNoNode) {
      auto &parent = nodes_[static_cast<std::size_t>(current_)];
      parent.has_children = true;
      parent.text_len = 0;  // mixed content: only leaf text matters in CSTA
      if (parent.last_child == kNoNode) {
         parent.first_child = index;
      } else {
         nodes_[static_cast<std::size_t>(parent.last_child)].next_sibling = index;
      }
      parent.last_child = index;
   }
   nodes_.push_back(node);
   current_ = index;
   ++depth_;
   return true;
}

void XmlTree::add_attribute(std::string_view local_name, std::string_view value) {
   Attribute attribute{};
   attribute.name_off = store(local_name);
   attribute.name_len = static_cast<std::uint32_t>(local_name.size());
   attribute.value_off = store(value);
   attribute.value_len = static_cast<std::uint32_t>(value.size());
   attributes_.push_back(attribute);
   nodes_[static_cast<std::size_t>(current_)].attr_end = static_cast<std::uint32_t>(attributes_.size());
}

void XmlTree::close() {
   current_ = nodes_[static_cast<std::size_t>(current_)].parent;
   --depth_;
}

bool XmlTree::text_wanted() const {
   return current_ != kNoNode && !nodes_[static_cast<std::size_t>(current_)].has_children;
}

void XmlTree::add_text(std::string_view text) {
   if (!text_wanted() || text.empty()) return;
   auto &node = nodes_[static_cast<std::size_t>(current_)];
   // One text may come in pieces (around a comment or CDATA); nothing else is stored in
   // between, so the pieces stay contiguous in the arena.
   if (node.text_len == 0) node.text_off = static_cast<std::uint32_t>(arena_.size());
   arena_.append(text);
   node.text_len += static_cast<std::uint32_t>(text.size());
}

std::string_view XmlTree::name(int node) const {
   const auto &n = nodes_[static_cast<std::size_t>(node)];
   return std::string_view(arena_).substr(n.name_off, n.name_len);
}

std::string_view XmlTree::text(int node) const {
   const auto &n = nodes_[static_cast<std::size_t>(node)];
   if (n.has_children || n.text_len == 0) return {};
   auto text = std::string_view(arena_).substr(n.text_off, n.text_len);
   while (!text.empty() && is_text_space(text.front())) text.remove_prefix(1);
   while (!text.empty() && is_text_space(text.back())) text.remove_suffix(1);
   return text;
}

std::string_view XmlTree::attribute(int node, std::string_view local_name) const {
   const auto &n = nodes_[static_cast<std::size_t>(node)];
   for (auto i = n.attr_begin; i < n.attr_end; ++i) {
      const auto &a = attributes_[i];
      if (std::string_view(arena_).substr(a.name_off, a.name_len) == local_name) {
         return std::string_view(arena_).substr(a.value_off, a.value_len);
      }
   }
   return {};
}

std::size_t XmlTree::attribute_count(int node) const {
   const auto &n = nodes_[static_cast<std::size_t>(node)];
   return n.attr_end - n.attr_begin;
}

std::pair<std::string_view, std::string_view> XmlTree::attribute_at(int node, std::size_t index) const {
   const auto &a = attributes_[nodes_[static_cast<std::size_t>(node)].attr_begin + index];
   return {std::string_view(arena_).substr(a.name_off, a.name_len), std::string_view(arena_).substr(a.value_off, a.value_len)};
}

int XmlTree::child(int node, std::string_view local_name) const {
   if (node == kNoNode) return kNoNode;
   for (int c = first_child(node); c != kNoNode; c = next_sibling(c)) {
      if (name(c) == local_name) return c;
   }
   return kNoNode;
}

}  // namespace portier::csta
