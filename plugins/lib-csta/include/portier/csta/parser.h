// SPDX-License-Identifier: GPL-3.0-or-later
// One CSTA XML document -> a Message. Elements are matched by local name, so ed2/ed3/ed4/ed6
// namespaces, prefixes and no namespace at all read the same; unknown elements and private data
// are skipped. Documents with a DOCTYPE are refused (CSTA never has one; it would allow entity
// tricks).
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "portier/csta/framing.h"
#include "portier/csta/messages.h"

namespace portier::csta {

struct ParseLimits {
   std::size_t max_document_size = kMaxBodySize;
   std::size_t max_depth = 32;
   std::size_t max_elements = 4096;
};

struct ParseError {
   std::string element;     // the element being read (or missing), "" before the root
   std::size_t offset = 0;  // byte offset in the document
   std::string reason;
   std::string to_string() const;  // "<element> at byte <offset>: <reason>"
};

struct ParseResult {
   std::optional<Message> message;  // set on success
   ParseError error;                // meaningful when message is empty
   explicit operator bool() const { return message.has_value(); }
};

class XmlTree;

// Owns an expat parser and its buffers, reused from document to document: one per connection.
class Parser {
public:
   explicit Parser(ParseLimits limits = {});
   ~Parser();
   Parser(const Parser &) = delete;
   Parser &operator=(const Parser &) = delete;

   ParseResult parse(std::string_view xml);

private:
   std::unique_ptr<XmlTree> tree_;
};

// One-off convenience; a connection should keep a Parser.
ParseResult parse_message(std::string_view xml, ParseLimits limits = {});

}  // namespace portier::csta
