// SPDX-License-Identifier: GPL-3.0-or-later
// A small XML writer for CSTA messages: the declaration, a root with its default namespace,
// nested elements and escaped text. Elements come out in the order they are written.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace portier::csta {

// &, <, >, ", ' as entities; CR as &#13; so it survives the reader's line-end normalisation.
void append_escaped(std::string &out, std::string_view text);

class XmlWriter {
public:
   XmlWriter(std::string_view root, std::string_view default_namespace);

   XmlWriter &open(std::string_view name);
   XmlWriter &open(std::string_view name, std::string_view attribute, std::string_view value);
   XmlWriter &leaf(std::string_view name, std::string_view text);
   XmlWriter &flag(std::string_view name, bool value) { return leaf(name, value ? "true" : "false"); }
   // Text inside the element opened last.
   XmlWriter &text(std::string_view text);
   XmlWriter &close();
   // Closes whatever is open and hands the document over.
   std::string finish();

private:
   void end_start_tag();
   std::string out_;
   std::vector<std::string> open_;
   bool start_tag_open_ = false;  // "<name ..." written, '>' not yet: allows "<name/>"
};

}  // namespace portier::csta
