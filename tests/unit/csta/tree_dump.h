// SPDX-License-Identifier: GPL-3.0-or-later
// One document's element tree written out as text, once read by our scanner (XmlTree) and once
// by expat, so tests and the fuzzer can hold the scanner to expat's reading: every document
// expat accepts must read the same. Lines are "depth name [attr=value ...] = leaf text".
#pragma once

#include <expat.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "xml_tree.h"

namespace portier::csta::test {

inline std::string_view dump_local(std::string_view name) {
   const auto colon = name.rfind(':');
   return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

inline std::string_view dump_trim(std::string_view text) {
   while (!text.empty() && (text.front() == ' ' || text.front() == '\t' || text.front() == '\n' || text.front() == '\r')) text.remove_prefix(1);
   while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\n' || text.back() == '\r')) text.remove_suffix(1);
   return text;
}

// What our scanner reads, or nullopt when it refuses the document; `reason` gets why.
inline std::optional<std::string> our_dump(std::string_view xml, std::string *reason = nullptr) {
   XmlTree tree(ParseLimits{});
   ParseError error;
   if (!tree.read(xml, error)) {
      if (reason != nullptr) *reason = error.reason;
      return std::nullopt;
   }
   std::string out;
   struct Walk {
      const XmlTree &tree;
      std::string &out;
      void node(int n, int depth) {
         out += std::to_string(depth) + " " + std::string(tree.name(n));
         for (std::size_t i = 0; i < tree.attribute_count(n); ++i) {
            const auto [name, value] = tree.attribute_at(n, i);
            out += " " + std::string(name) + "=" + std::string(value);
         }
         out += " = " + std::string(tree.text(n)) + "\n";
         for (int c = tree.first_child(n); c != kNoNode; c = tree.next_sibling(c)) node(c, depth + 1);
      }
   };
   Walk{tree, out}.node(tree.root(), 0);
   return out;
}

// What expat reads (forced to UTF-8, DOCTYPE refused), or nullopt when it refuses the document.
inline std::optional<std::string> expat_dump(std::string_view xml) {
   struct Element {
      std::string line;
      std::string text;
      bool has_children = false;
      std::vector<std::string> below;
   };
   struct State {
      XML_Parser parser;
      std::vector<Element> stack;
      std::string out;
      bool refused = false;
   } state;
   state.parser = XML_ParserCreate("UTF-8");
   XML_SetUserData(state.parser, &state);
   XML_SetElementHandler(
      state.parser,
      [](void *data, const XML_Char *name, const XML_Char **attributes) {
         auto &s = *static_cast<State *>(data);
         if (!s.stack.empty()) s.stack.back().has_children = true;
         Element e;
         e.line = std::to_string(s.stack.size()) + " " + std::string(dump_local(name));
         for (auto a = attributes; a[0] != nullptr; a += 2) {
            e.line += " " + std::string(dump_local(a[0])) + "=" + std::string(a[1]);
         }
         s.stack.push_back(std::move(e));
      },
      [](void *data, const XML_Char *) {
         auto &s = *static_cast<State *>(data);
         Element e = std::move(s.stack.back());
         s.stack.pop_back();
         std::string text = e.has_children ? std::string() : std::string(dump_trim(e.text));
         std::string all = e.line + " = " + text + "\n";
         for (auto &b : e.below) all += b;
         if (s.stack.empty()) {
            s.out = all;
         } else {
            s.stack.back().below.push_back(std::move(all));
         }
      });
   XML_SetCharacterDataHandler(state.parser, [](void *data, const XML_Char *text, int length) {
      auto &s = *static_cast<State *>(data);
      if (!s.stack.empty()) s.stack.back().text.append(text, static_cast<std::size_t>(length));
   });
   XML_SetStartDoctypeDeclHandler(state.parser, [](void *data, const XML_Char *, const XML_Char *, const XML_Char *, int) {
      auto &s = *static_cast<State *>(data);
      s.refused = true;
      XML_StopParser(s.parser, XML_FALSE);
   });
   const auto status = XML_Parse(state.parser, xml.data(), static_cast<int>(xml.size()), XML_TRUE);
   XML_ParserFree(state.parser);
   if (status != XML_STATUS_OK || state.refused) return std::nullopt;
   return state.out;
}

}  // namespace portier::csta::test
