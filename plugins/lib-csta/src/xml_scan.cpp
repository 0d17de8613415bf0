// SPDX-License-Identifier: GPL-3.0-or-later
// The scanner behind XmlTree::read: one pass over the document, no allocation once the tree's
// buffers have grown. It checks what keeps the tree honest (tags nest and match, names are
// names, attributes are quoted, references are known, one root, no DOCTYPE) and leaves the rest
// of XML's rules (encoding checks, control characters) to the sender: CSTA peers send plain
// UTF-8 and the message reader only looks at names and text.
#include <array>
#include <cstring>

#include "xml_tree.h"

namespace portier::csta {

namespace {

enum CharClass : unsigned char { kOther = 0, kNameStart = 1, kName = 2 };

constexpr std::array<unsigned char, 256> make_classes() {
   std::array<unsigned char, 256> t{};
   for (int c = 'a'; c <= 'z'; ++c) t[static_cast<std::size_t>(c)] = kNameStart | kName;
   for (int c = 'A'; c <= 'Z'; ++c) t[static_cast<std::size_t>(c)] = kNameStart | kName;
   for (int c = 0x80; c <= 0xFF; ++c) t[static_cast<std::size_t>(c)] = kNameStart | kName;
   t['_'] = t[':'] = kNameStart | kName;
   for (int c = '0'; c <= '9'; ++c) t[static_cast<std::size_t>(c)] = kName;
   t['-'] = t['.'] = kName;
   return t;
}
constexpr auto kClasses = make_classes();

bool is_markup_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

void append_raw(std::string &out, std::string_view raw, bool attribute) {
   for (std::size_t i = 0; i < raw.size(); ++i) {
      char c = raw[i];
      if (c == '\r') {
         if (i + 1 < raw.size() && raw[i + 1] == '\n') ++i;
         c = '\n';
      }
      if (attribute && (c == '\n' || c == '\t')) c = ' ';
      out += c;
   }
}

// True when `raw` can be stored as it is: no reference, no CR, and in an attribute no tab or LF.
bool plain(std::string_view raw, bool attribute) {
   for (const char c : raw) {
      if (c == '&' || c == '\r' || (attribute && (c == '\n' || c == '\t'))) return false;
   }
   return true;
}
bool name_start(char c) { return (kClasses[static_cast<unsigned char>(c)] & kNameStart) != 0; }
bool name_char(char c) { return (kClasses[static_cast<unsigned char>(c)] & kName) != 0; }

std::string_view local_part(std::string_view name) {
   const auto colon = name.rfind(':');
   return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

bool allowed_code_point(std::uint32_t c) {
   return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) ||
          (c >= 0x10000 && c <= 0x10FFFF);
}

void append_utf8(std::string &out, std::uint32_t c) {
   if (c < 0x80) {
      out += static_cast<char>(c);
   } else if (c < 0x800) {
      out += static_cast<char>(0xC0 | (c >> 6));
      out += static_cast<char>(0x80 | (c & 0x3F));
   } else if (c < 0x10000) {
      out += static_cast<char>(0xE0 | (c >> 12));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
   } else {
      out += static_cast<char>(0xF0 | (c >> 18));
      out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
   }
}

}  // namespace

class XmlScan {
public:
   XmlScan(XmlTree &tree, std::string_view xml, ParseError &error) : tree_(tree), xml_(xml), error_(error) {}

   bool run() {
      if (xml_.substr(0, 3) == "\xEF\xBB\xBF") at_ = 3;
      while (at_ < xml_.size()) {
         if (xml_[at_] != '<') {
            if (!text()) return false;
         } else if (!markup()) {
            return false;
         }
      }
      if (tree_.current() != kNoNode) return fail(at_, "unclosed element at the end of the document");
      if (!had_root_) return fail(at_, "no element found");
      return true;
   }

private:
   bool fail(std::size_t offset, std::string reason) {
      error_.element = tree_.current() == kNoNode ? std::string() : std::string(tree_.name(tree_.current()));
      error_.offset = offset;
      error_.reason = std::move(reason);
      return false;
   }

   bool starts_with(std::string_view prefix) const { return xml_.substr(at_, prefix.size()) == prefix; }

   void skip_space() {
      while (at_ < xml_.size() && is_markup_space(xml_[at_])) ++at_;
   }

   // A name at at_; empty when none starts there.
   std::string_view name() {
      const auto begin = at_;
      if (at_ >= xml_.size() || !name_start(xml_[at_])) return {};
      ++at_;
      while (at_ < xml_.size() && name_char(xml_[at_])) ++at_;
      return xml_.substr(begin, at_ - begin);
   }

   // Decodes the references in `raw` (which starts at byte `offset`) into `out`, with XML's
   // line-end handling (CR LF and CR read as LF) and, in an attribute value, each whitespace
   // character read as a space; characters written as references stay as they are.
   bool decode(std::string_view raw, std::size_t offset, std::string &out, bool attribute) {
      out.clear();
      std::size_t i = 0;
      while (i < raw.size()) {
         const auto amp = raw.find('&', i);
         append_raw(out, raw.substr(i, amp == std::string_view::npos ? raw.size() - i : amp - i), attribute);
         if (amp == std::string_view::npos) break;
         const auto semi = raw.find(';', amp);
         if (semi == std::string_view::npos || semi - amp > 12) {
            return fail(offset + amp, "a '&' that starts no reference");
         }
         const auto ref = raw.substr(amp + 1, semi - amp - 1);
         if (ref == "lt") out += '<';
         else if (ref == "gt") out += '>';
         else if (ref == "amp") out += '&';
         else if (ref == "quot") out += '"';
         else if (ref == "apos") out += '\'';
         else if (ref.size() >= 2 && ref[0] == '#') {
            const bool hex = ref[1] == 'x';
            const auto digits = ref.substr(hex ? 2 : 1);
            std::uint32_t code = 0;
            bool good = !digits.empty();
            for (const char c : digits) {
               int v = -1;
               if (c >= '0' && c <= '9') v = c - '0';
               else if (hex && c >= 'a' && c <= 'f') v = c - 'a' + 10;
               else if (hex && c >= 'A' && c <= 'F') v = c - 'A' + 10;
               if (v < 0 || code > 0x10FFFF) { good = false; break; }
               code = code * (hex ? 16u : 10u) + static_cast<std::uint32_t>(v);
            }
            if (!good || !allowed_code_point(code)) return fail(offset + amp, "invalid character reference");
            append_utf8(out, code);
         } else {
            return fail(offset + amp, "undefined entity '" + std::string(ref) + "'");
         }
         i = semi + 1;
      }
      return true;
   }

   bool text() {
      const auto begin = at_;
      const void *lt = std::memchr(xml_.data() + at_, '<', xml_.size() - at_);
      at_ = lt == nullptr ? xml_.size() : static_cast<std::size_t>(static_cast<const char *>(lt) - xml_.data());
      const auto raw = xml_.substr(begin, at_ - begin);
      if (tree_.current() == kNoNode) {
         for (std::size_t i = 0; i < raw.size(); ++i) {
            if (!is_markup_space(raw[i])) {
               return fail(begin + i, had_root_ ? "junk after the document element" : "text before the root element");
            }
         }
         return true;
      }
      if (!tree_.text_wanted()) return true;
      if (plain(raw, false)) {
         tree_.add_text(raw);
         return true;
      }
      if (!decode(raw, begin, tree_.scratch_, false)) return false;
      tree_.add_text(tree_.scratch_);
      return true;
   }

   // Skips from at_ past `terminator`; fails with `what` when it never comes.
   bool skip_past(std::string_view terminator, const char *what) {
      const auto end = xml_.find(terminator, at_);
      if (end == std::string_view::npos) return fail(at_, what);
      at_ = end + terminator.size();
      return true;
   }

   bool markup() {
      if (starts_with("<?")) return skip_past("?>", "unclosed processing instruction");
      if (starts_with("<!--")) return skip_past("-->", "unclosed comment");
      if (starts_with("<![CDATA[")) {
         if (tree_.current() == kNoNode) return fail(at_, "CDATA outside the root element");
         const auto begin = at_ + 9;
         const auto end = xml_.find("]]>", begin);
         if (end == std::string_view::npos) return fail(at_, "unclosed CDATA section");
         tree_.add_text(xml_.substr(begin, end - begin));
         at_ = end + 3;
         return true;
      }
      if (starts_with("<!")) {
         // A DOCTYPE (or any other declaration): CSTA never has one, and it would allow entities.
         const auto offset = at_;
         at_ += 2;
         if (starts_with("DOCTYPE")) {
            at_ += 7;
            skip_space();
            const auto doctype = name();
            fail(offset, "a DOCTYPE is not allowed");
            error_.element = std::string(doctype);
            return false;
         }
         return fail(offset, "a DOCTYPE is not allowed");
      }
      if (starts_with("</")) return end_tag();
      return start_tag();
   }

   bool start_tag() {
      const auto offset = at_;
      ++at_;
      const auto qname = name();
      if (qname.empty()) return fail(at_, "not well-formed (invalid token)");
      if (had_root_ && tree_.current() == kNoNode) return fail(offset, "junk after the document element");
      if (!tree_.open(local_part(qname), offset, error_)) return false;
      tree_.open_.push_back(qname);
      had_root_ = true;
      for (;;) {
         const auto before = at_;
         skip_space();
         if (at_ >= xml_.size()) return fail(offset, "unclosed start tag");
         if (xml_[at_] == '>') {
            ++at_;
            return true;
         }
         if (xml_[at_] == '/') {
            if (at_ + 1 >= xml_.size() || xml_[at_ + 1] != '>') return fail(at_, "not well-formed (invalid token)");
            at_ += 2;
            tree_.open_.pop_back();
            tree_.close();
            return true;
         }
         if (at_ == before) return fail(at_, "not well-formed (attributes need a space between them)");
         if (!attribute()) return false;
      }
   }

   bool attribute() {
      const auto attr_name = name();
      if (attr_name.empty()) return fail(at_, "not well-formed (invalid token)");
      skip_space();
      if (at_ >= xml_.size() || xml_[at_] != '=') return fail(at_, "an attribute without '='");
      ++at_;
      skip_space();
      if (at_ >= xml_.size() || (xml_[at_] != '"' && xml_[at_] != '\'')) return fail(at_, "an attribute value without quotes");
      const char quote = xml_[at_++];
      const auto close = xml_.find(quote, at_);
      if (close == std::string_view::npos) return fail(at_, "unclosed attribute value");
      const auto raw = xml_.substr(at_, close - at_);
      if (const auto lt = raw.find('<'); lt != std::string_view::npos) return fail(at_ + lt, "a '<' in an attribute value");
      if (plain(raw, true)) {
         tree_.add_attribute(local_part(attr_name), raw);
      } else {
         if (!decode(raw, at_, tree_.scratch_, true)) return false;
         tree_.add_attribute(local_part(attr_name), tree_.scratch_);
      }
      at_ = close + 1;
      return true;
   }

   bool end_tag() {
      at_ += 2;
      const auto name_at = at_;
      const auto qname = name();
      skip_space();
      if (at_ >= xml_.size() || xml_[at_] != '>') return fail(at_, "unclosed end tag");
      if (tree_.current() == kNoNode) return fail(name_at, "an end tag without a start tag");
      if (qname != tree_.open_.back()) return fail(name_at, "mismatched tag");
      ++at_;
      tree_.open_.pop_back();
      tree_.close();
      return true;
   }

   XmlTree &tree_;
   std::string_view xml_;
   ParseError &error_;
   std::size_t at_ = 0;
   bool had_root_ = false;
};

bool XmlTree::read(std::string_view xml, ParseError &error) {
   error = ParseError{};
   clear();
   open_.clear();
   if (xml.size() > limits_.max_document_size) {
      error.offset = limits_.max_document_size;
      error.reason = "document larger than " + std::to_string(limits_.max_document_size) + " bytes";
      return false;
   }
   return XmlScan(*this, xml, error).run();
}

}  // namespace portier::csta
