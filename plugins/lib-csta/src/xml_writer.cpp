// SPDX-License-Identifier: GPL-3.0-or-later
#include "portier/csta/xml_writer.h"

namespace portier::csta {

void append_escaped(std::string &out, std::string_view text) {
   for (char c : text) {
      switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      case '\r': out += "&#13;"; break;
      default: out += c;
      }
   }
}

XmlWriter::XmlWriter(std::string_view root, std::string_view default_namespace) {
   out_.reserve(512);
   out_ += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";
   open(root, "xmlns", default_namespace);
}

void XmlWriter::end_start_tag() {
   if (start_tag_open_) out_ += '>';
   start_tag_open_ = false;
}

XmlWriter &XmlWriter::open(std::string_view name) {
   end_start_tag();
   out_ += '<';
   out_ += name;
   open_.emplace_back(name);
   start_tag_open_ = true;
   return *this;
}

XmlWriter &XmlWriter::open(std::string_view name, std::string_view attribute, std::string_view value) {
   open(name);
   out_ += ' ';
   out_ += attribute;
   out_ += "=\"";
   append_escaped(out_, value);
   out_ += '"';
   return *this;
}

XmlWriter &XmlWriter::leaf(std::string_view name, std::string_view text) {
   return open(name).text(text).close();
}

XmlWriter &XmlWriter::text(std::string_view text) {
   end_start_tag();
   append_escaped(out_, text);
   return *this;
}

XmlWriter &XmlWriter::close() {
   if (open_.empty()) return *this;
   if (start_tag_open_) {
      out_ += "/>";
      start_tag_open_ = false;
   } else {
      out_ += "</";
      out_ += open_.back();
      out_ += '>';
   }
   open_.pop_back();
   return *this;
}

std::string XmlWriter::finish() {
   while (!open_.empty()) close();
   return std::move(out_);
}

}  // namespace portier::csta
