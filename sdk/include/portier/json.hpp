// SPDX-License-Identifier: MIT
// Portier C++ wrapper: a small strict JSON reader (RFC 8259) for plugin settings, with no
// dependencies, so plugins build against the SDK alone. Header-only, C++17; not part of the ABI.
//
// Strict and bounded: input size, nesting depth and value count are limited; invalid UTF-8,
// unpaired surrogates, \u0000, control characters in strings, duplicate keys, leading zeros,
// trailing commas, comments and trailing content are all errors with the byte offset.
#ifndef PORTIER_JSON_HPP
#define PORTIER_JSON_HPP

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "result.hpp"

namespace portier::json {

// The kind of a JSON value.
enum class Kind : std::uint8_t { null, boolean, number, string, array, object };

// "null", "a boolean", "a number", "a string", "an array", "an object": for messages. [any]
inline const char *describe(Kind kind) noexcept {
   switch (kind) {
   case Kind::null: return "null";
   case Kind::boolean: return "a boolean";
   case Kind::number: return "a number";
   case Kind::string: return "a string";
   case Kind::array: return "an array";
   case Kind::object: return "an object";
   }
   return "a value";
}

// A parsed JSON value; owns its children. A plain value (not thread-safe to mutate).
struct Value {
   Kind kind = Kind::null;
   bool boolean = false;
   std::string text;               // string: the decoded UTF-8; number: the token as written
   std::vector<std::string> keys;  // object: member names in document order, unique
   std::vector<Value> items;       // array: elements; object: member values, aligned with keys

   // The member `key` of an object, or nullptr (also for non-objects).
   const Value *find(std::string_view key) const noexcept {
      for (std::size_t i = 0; i < keys.size(); ++i) {
         if (keys[i] == key) return &items[i];
      }
      return nullptr;
   }
};

// Bounds of one parse.
struct Limits {
   std::size_t max_size = 1u << 20;   // bytes of input
   int max_depth = 32;                // nested arrays/objects; the top level is depth 1
   std::size_t max_values = 100000;   // values of all kinds, including the top level
};

namespace detail {

class Parser {
public:
   Parser(std::string_view text, const Limits &limits) : text_(text), limits_(limits) {}

   Result<Value> run() {
      if (text_.size() > limits_.max_size)
         return portier::error(PORTIER_ERR_INVALID, "invalid JSON: larger than " +
                                                        std::to_string(limits_.max_size) + " bytes");
      Value v;
      skip_space();
      if (!value(v, 1)) return failure();
      skip_space();
      if (pos_ != text_.size()) {
         fail("unexpected content after the value");
         return failure();
      }
      return v;
   }

private:
   Result<Value> failure() const {
      return portier::error(PORTIER_ERR_INVALID,
                            "invalid JSON at offset " + std::to_string(where_) + ": " + what_);
   }

   bool fail(std::string_view what) {
      if (what_.empty()) {
         what_ = what;
         where_ = pos_;
      }
      return false;
   }

   bool at_end() const noexcept { return pos_ >= text_.size(); }
   char peek() const noexcept { return at_end() ? '\0' : text_[pos_]; }

   void skip_space() noexcept {
      while (!at_end()) {
         const char c = text_[pos_];
         if (c != ' ' && c != '\t' && c != '\n' && c != '\r') break;
         ++pos_;
      }
   }

   bool literal(std::string_view word) {
      if (text_.substr(pos_, word.size()) != word) return fail("invalid literal");
      pos_ += word.size();
      return true;
   }

   bool value(Value &out, int depth) {
      if (++count_ > limits_.max_values) return fail("too many values");
      if (at_end()) return fail("unexpected end of input");
      switch (peek()) {
      case '{': return object(out, depth);
      case '[': return array(out, depth);
      case '"': out.kind = Kind::string; return string(out.text);
      case 't': out.kind = Kind::boolean; out.boolean = true; return literal("true");
      case 'f': out.kind = Kind::boolean; out.boolean = false; return literal("false");
      case 'n': out.kind = Kind::null; return literal("null");
      default: out.kind = Kind::number; return number(out.text);
      }
   }

   bool enter(int depth) {
      if (depth > limits_.max_depth) return fail("nested too deeply");
      ++pos_;  // the opening bracket
      skip_space();
      return true;
   }

   bool array(Value &out, int depth) {
      out.kind = Kind::array;
      if (!enter(depth)) return false;
      if (peek() == ']') {
         ++pos_;
         return true;
      }
      for (;;) {  // bounded by the input size: each round consumes input
         out.items.emplace_back();
         if (!value(out.items.back(), depth + 1)) return false;
         skip_space();
         if (peek() == ',') {
            ++pos_;
            skip_space();
            continue;
         }
         if (peek() == ']') {
            ++pos_;
            return true;
         }
         return fail(at_end() ? "unexpected end of input" : "expected ',' or ']'");
      }
   }

   bool object(Value &out, int depth) {
      out.kind = Kind::object;
      const std::size_t start = pos_;
      if (!enter(depth)) return false;
      if (peek() == '}') {
         ++pos_;
         return true;
      }
      for (;;) {  // bounded by the input size: each round consumes input
         if (peek() != '"') return fail(at_end() ? "unexpected end of input" : "expected a key");
         out.keys.emplace_back();
         if (!string(out.keys.back())) return false;
         skip_space();
         if (peek() != ':') return fail("expected ':' after a key");
         ++pos_;
         skip_space();
         out.items.emplace_back();
         if (!value(out.items.back(), depth + 1)) return false;
         skip_space();
         if (peek() == ',') {
            ++pos_;
            skip_space();
            continue;
         }
         if (peek() == '}') {
            ++pos_;
            break;
         }
         return fail(at_end() ? "unexpected end of input" : "expected ',' or '}'");
      }
      // Duplicate keys make "which one wins" implementation-defined; refuse them.
      std::vector<std::string_view> sorted(out.keys.begin(), out.keys.end());
      std::sort(sorted.begin(), sorted.end());
      const auto dup = std::adjacent_find(sorted.begin(), sorted.end());
      if (dup != sorted.end()) {
         pos_ = start;
         return fail("duplicate key '" + std::string(*dup) + "'");
      }
      return true;
   }

   static bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

   bool number(std::string &out) {
      const std::size_t start = pos_;
      if (peek() == '-') ++pos_;
      if (peek() == '0') {
         ++pos_;
         if (is_digit(peek())) return fail("leading zeros are not allowed");
      } else if (is_digit(peek())) {
         while (is_digit(peek())) ++pos_;
      } else {
         return fail(pos_ == start ? "unexpected character" : "expected a digit");
      }
      if (peek() == '.') {
         ++pos_;
         if (!is_digit(peek())) return fail("expected a digit after '.'");
         while (is_digit(peek())) ++pos_;
      }
      if (peek() == 'e' || peek() == 'E') {
         ++pos_;
         if (peek() == '+' || peek() == '-') ++pos_;
         if (!is_digit(peek())) return fail("expected a digit in the exponent");
         while (is_digit(peek())) ++pos_;
      }
      out.assign(text_.substr(start, pos_ - start));
      return true;
   }

   int hex4() {
      if (text_.size() - pos_ < 4) return -1;
      int v = 0;
      for (int i = 0; i < 4; ++i) {
         const char c = text_[pos_ + static_cast<std::size_t>(i)];
         int d;
         if (c >= '0' && c <= '9') d = c - '0';
         else if (c >= 'a' && c <= 'f') d = c - 'a' + 10;
         else if (c >= 'A' && c <= 'F') d = c - 'A' + 10;
         else return -1;
         v = v * 16 + d;
      }
      pos_ += 4;
      return v;
   }

   static void append_utf8(std::string &out, std::uint32_t cp) {
      if (cp < 0x80) {
         out += static_cast<char>(cp);
      } else if (cp < 0x800) {
         out += static_cast<char>(0xC0 | (cp >> 6));
         out += static_cast<char>(0x80 | (cp & 0x3F));
      } else if (cp < 0x10000) {
         out += static_cast<char>(0xE0 | (cp >> 12));
         out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
         out += static_cast<char>(0x80 | (cp & 0x3F));
      } else {
         out += static_cast<char>(0xF0 | (cp >> 18));
         out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
         out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
         out += static_cast<char>(0x80 | (cp & 0x3F));
      }
   }

   bool escape(std::string &out) {
      ++pos_;  // the backslash
      const char c = peek();
      ++pos_;
      switch (c) {
      case '"': out += '"'; return true;
      case '\\': out += '\\'; return true;
      case '/': out += '/'; return true;
      case 'b': out += '\b'; return true;
      case 'f': out += '\f'; return true;
      case 'n': out += '\n'; return true;
      case 'r': out += '\r'; return true;
      case 't': out += '\t'; return true;
      case 'u': break;
      default: --pos_; return fail("invalid escape");
      }
      const int hi = hex4();
      if (hi < 0) return fail("expected 4 hex digits after \\u");
      std::uint32_t cp = static_cast<std::uint32_t>(hi);
      if (cp == 0) return fail("\\u0000 is not allowed");
      if (cp >= 0xDC00 && cp <= 0xDFFF) return fail("unpaired surrogate in \\u escape");
      if (cp >= 0xD800 && cp <= 0xDBFF) {
         if (text_.substr(pos_, 2) != "\\u") return fail("unpaired surrogate in \\u escape");
         pos_ += 2;
         const int lo = hex4();
         if (lo < 0) return fail("expected 4 hex digits after \\u");
         if (lo < 0xDC00 || lo > 0xDFFF) return fail("unpaired surrogate in \\u escape");
         cp = 0x10000 + ((cp - 0xD800) << 10) + (static_cast<std::uint32_t>(lo) - 0xDC00);
      }
      append_utf8(out, cp);
      return true;
   }

   // Length of the valid UTF-8 sequence at pos_ (lead byte >= 0x80), or 0 if invalid.
   std::size_t utf8_length() const noexcept {
      const auto byte = [&](std::size_t i) -> unsigned {
         return pos_ + i < text_.size() ? static_cast<unsigned char>(text_[pos_ + i]) : 0u;
      };
      const unsigned b0 = byte(0);
      std::size_t n;
      unsigned lo = 0x80, hi = 0xBF;  // allowed range of the second byte
      if (b0 >= 0xC2 && b0 <= 0xDF) n = 2;
      else if (b0 == 0xE0) { n = 3; lo = 0xA0; }
      else if (b0 >= 0xE1 && b0 <= 0xEC) n = 3;
      else if (b0 == 0xED) { n = 3; hi = 0x9F; }  // no UTF-16 surrogates
      else if (b0 >= 0xEE && b0 <= 0xEF) n = 3;
      else if (b0 == 0xF0) { n = 4; lo = 0x90; }
      else if (b0 >= 0xF1 && b0 <= 0xF3) n = 4;
      else if (b0 == 0xF4) { n = 4; hi = 0x8F; }  // nothing above U+10FFFF
      else return 0;
      if (byte(1) < lo || byte(1) > hi) return 0;
      for (std::size_t i = 2; i < n; ++i) {
         if (byte(i) < 0x80 || byte(i) > 0xBF) return 0;
      }
      return n;
   }

   bool string(std::string &out) {
      ++pos_;  // the opening quote
      for (;;) {  // bounded by the input size: each round consumes input
         if (at_end()) return fail("unterminated string");
         const unsigned char c = static_cast<unsigned char>(text_[pos_]);
         if (c == '"') {
            ++pos_;
            return true;
         }
         if (c == '\\') {
            if (!escape(out)) return false;
         } else if (c < 0x20) {
            return fail("control character in string");
         } else if (c < 0x80) {
            out += static_cast<char>(c);
            ++pos_;
         } else {
            const std::size_t n = utf8_length();
            if (n == 0) return fail("invalid UTF-8");
            out.append(text_.substr(pos_, n));
            pos_ += n;
         }
      }
   }

   std::string_view text_;
   Limits limits_;
   std::size_t pos_ = 0;
   std::size_t count_ = 0;
   std::string what_;
   std::size_t where_ = 0;
};

}  // namespace detail

// Parses one JSON value (any kind) from `text`. Errors: PORTIER_ERR_INVALID with
// "invalid JSON at offset N: <what>". [any]
inline Result<Value> parse(std::string_view text, const Limits &limits = {}) {
   return detail::Parser(text, limits).run();
}

}  // namespace portier::json

#endif  // PORTIER_JSON_HPP
