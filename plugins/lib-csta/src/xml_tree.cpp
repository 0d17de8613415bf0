// SPDX-License-Identifier: GPL-3.0-or-later
#include "xml_tree.h"

#include <cstring>

namespace portier::csta {

namespace {
std::string_view local_part(std::string_view name) {
   const auto colon = name.rfind(':');
   return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

// Expat answers -1 before it has read anything (an empty document).
std::size_t byte_index(XML_Parser parser) {
   const auto index = XML_GetCurrentByteIndex(parser);
   return index < 0 ? 0 : static_cast<std::size_t>(index);
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
}  // namespace

XmlTree::XmlTree(ParseLimits limits) : limits_(limits), parser_(XML_ParserCreate(nullptr)) {}

XmlTree::~XmlTree() {
   if (parser_ != nullptr) XML_ParserFree(parser_);
}

std::uint32_t XmlTree::store(std::string_view text) {
   const auto at = static_cast<std::uint32_t>(arena_.size());
   arena_.append(text);
   return at;
}

void XmlTree::fail(std::string element, std::string reason) {
   if (failed_) return;
   failed_ = true;
   error_->element = std::move(element);
   error_->offset = byte_index(parser_);
   error_->reason = std::move(reason);
   XML_StopParser(parser_, XML_FALSE);
}

void XMLCALL XmlTree::on_start(void *self_ptr, const XML_Char *name, const XML_Char **attributes) {
   auto &self = *static_cast<XmlTree *>(self_ptr);
   if (self.failed_) return;
   const auto local = local_part(name);
   if (self.depth_ >= self.limits_.max_depth) {
      self.fail(std::string(local), "nested deeper than " + std::to_string(self.limits_.max_depth));
      return;
   }
   if (self.nodes_.size() >= self.limits_.max_elements) {
      self.fail(std::string(local), "more than " + std::to_string(self.limits_.max_elements) + " elements");
      return;
   }
   Node node;
   node.name_off = self.store(local);
   node.name_len = static_cast<std::uint32_t>(local.size());
   node.offset = static_cast<std::uint32_t>(byte_index(self.parser_));
   node.parent = self.current_;
   node.attr_begin = static_cast<std::uint32_t>(self.attributes_.size());
   for (const XML_Char **a = attributes; a[0] != nullptr && a[1] != nullptr; a += 2) {
      const auto attr_name = local_part(a[0]);
      const std::string_view value(a[1]);
      Attribute attribute{};
      attribute.name_off = self.store(attr_name);
      attribute.name_len = static_cast<std::uint32_t>(attr_name.size());
      attribute.value_off = self.store(value);
      attribute.value_len = static_cast<std::uint32_t>(value.size());
      self.attributes_.push_back(attribute);
   }
   node.attr_end = static_cast<std::uint32_t>(self.attributes_.size());
   const int index = static_cast<int>(self.nodes_.size());
   if (self.current_ != kNoNode) {
      auto &parent = self.nodes_[static_cast<std::size_t>(self.current_)];
      parent.has_children = true;
      parent.text_len = 0;  // mixed content: only leaf text matters in CSTA
      if (parent.last_child == kNoNode) {
         parent.first_child = index;
      } else {
         self.nodes_[static_cast<std::size_t>(parent.last_child)].next_sibling = index;
      }
      parent.last_child = index;
   }
   self.nodes_.push_back(node);
   self.current_ = index;
   ++self.depth_;
}

void XMLCALL XmlTree::on_end(void *self_ptr, const XML_Char *) {
   auto &self = *static_cast<XmlTree *>(self_ptr);
   if (self.failed_ || self.current_ == kNoNode) return;
   self.current_ = self.nodes_[static_cast<std::size_t>(self.current_)].parent;
   --self.depth_;
}

void XMLCALL XmlTree::on_text(void *self_ptr, const XML_Char *text, int length) {
   auto &self = *static_cast<XmlTree *>(self_ptr);
   if (self.failed_ || self.current_ == kNoNode || length <= 0) return;
   auto &node = self.nodes_[static_cast<std::size_t>(self.current_)];
   if (node.has_children) return;
   // Expat may deliver one text in pieces; nothing else is stored in between, so the pieces
   // stay contiguous in the arena.
   if (node.text_len == 0) node.text_off = static_cast<std::uint32_t>(self.arena_.size());
   self.arena_.append(text, static_cast<std::size_t>(length));
   node.text_len += static_cast<std::uint32_t>(length);
}

void XMLCALL XmlTree::on_doctype(void *self_ptr, const XML_Char *name, const XML_Char *, const XML_Char *, int) {
   auto &self = *static_cast<XmlTree *>(self_ptr);
   self.fail(name != nullptr ? name : "", "a DOCTYPE is not allowed");
}

bool XmlTree::read(std::string_view xml, ParseError &error) {
   error = ParseError{};
   nodes_.clear();
   attributes_.clear();
   arena_.clear();
   current_ = kNoNode;
   depth_ = 0;
   failed_ = false;
   error_ = &error;
   if (parser_ == nullptr) {
      error.reason = "out of memory";
      return false;
   }
   if (xml.size() > limits_.max_document_size) {
      error.offset = limits_.max_document_size;
      error.reason = "document larger than " + std::to_string(limits_.max_document_size) + " bytes";
      return false;
   }
   XML_ParserReset(parser_, nullptr);
   XML_SetUserData(parser_, this);
   XML_SetElementHandler(parser_, &XmlTree::on_start, &XmlTree::on_end);
   XML_SetCharacterDataHandler(parser_, &XmlTree::on_text);
   XML_SetStartDoctypeDeclHandler(parser_, &XmlTree::on_doctype);
   const auto status = XML_Parse(parser_, xml.data(), static_cast<int>(xml.size()), XML_TRUE);
   if (failed_) return false;
   if (status != XML_STATUS_OK) {
      error.element = current_ == kNoNode ? "" : std::string(name(current_));
      error.offset = byte_index(parser_);
      error.reason = XML_ErrorString(XML_GetErrorCode(parser_));
      return false;
   }
   return true;
}

std::string_view XmlTree::name(int node) const {
   const auto &n = nodes_[static_cast<std::size_t>(node)];
   return std::string_view(arena_).substr(n.name_off, n.name_len);
}

std::string_view XmlTree::text(int node) const {
   const auto &n = nodes_[static_cast<std::size_t>(node)];
   if (n.has_children || n.text_len == 0) return {};
   auto text = std::string_view(arena_).substr(n.text_off, n.text_len);
   while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
   while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
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

int XmlTree::child(int node, std::string_view local_name) const {
   if (node == kNoNode) return kNoNode;
   for (int c = first_child(node); c != kNoNode; c = next_sibling(c)) {
      if (name(c) == local_name) return c;
   }
   return kNoNode;
}

}  // namespace portier::csta
