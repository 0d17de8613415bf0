// SPDX-License-Identifier: MIT
// The strict JSON reader behind Settings.
#include <catch2/catch.hpp>

#include <cstddef>
#include <cstdint>
#include <string>

#include <portier/json.hpp>

using portier::json::Kind;

namespace {
std::string parse_error(std::string_view text, const portier::json::Limits &limits = {}) {
   auto r = portier::json::parse(text, limits);
   return r.ok() ? std::string("(ok)") : r.message();
}
std::string parse_string(std::string_view text) {
   auto r = portier::json::parse(text);
   REQUIRE(r.ok());
   REQUIRE(r.value().kind == Kind::string);
   return r.value().text;
}
std::string nested(int depth) { return std::string(static_cast<std::size_t>(depth), '[') + std::string(static_cast<std::size_t>(depth), ']'); }
}  // namespace

TEST_CASE("an object keeps its members in document order") {
   auto r = portier::json::parse(R"( { "b" : 1, "a" : [true, false, null], "c": {"d": "e"} } )");
   REQUIRE(r.ok());
   const auto &v = r.value();
   CHECK(v.kind == Kind::object);
   REQUIRE(v.keys.size() == 3);
   CHECK(v.keys[0] == "b");
   CHECK(v.keys[1] == "a");
   CHECK(v.find("b")->text == "1");
   const auto *a = v.find("a");
   REQUIRE(a != nullptr);
   REQUIRE(a->items.size() == 3);
   CHECK(a->items[0].boolean);
   CHECK(a->items[1].kind == Kind::boolean);
   CHECK_FALSE(a->items[1].boolean);
   CHECK(a->items[2].kind == Kind::null);
   CHECK(v.find("c")->find("d")->text == "e");
   CHECK(v.find("zz") == nullptr);
}

TEST_CASE("simple escapes decode") {
   CHECK(parse_string(R"("a\"b\\c\/d\b\f\n\r\t")") == "a\"b\\c/d\b\f\n\r\t");
}

TEST_CASE("u-escapes (backslash u) decode to UTF-8, including surrogate pairs") {
   CHECK(parse_string(R"("\u0041")") == "A");
   CHECK(parse_string(R"("\u00e9")") == "\xC3\xA9");
   CHECK(parse_string(R"("\u20AC")") == "\xE2\x82\xAC");
   CHECK(parse_string(R"("\ud83d\ude00")") == "\xF0\x9F\x98\x80");  // U+1F600
   CHECK(parse_string(R"("\uDBFF\uDFFF")") == "\xF4\x8F\xBF\xBF");  // U+10FFFF
}

TEST_CASE("unpaired surrogates and bad u-escapes (backslash u) are refused") {
   CHECK(parse_error(R"("\ud83d")") == "invalid JSON at offset 7: unpaired surrogate in \\u escape");
   CHECK(parse_error(R"("\ud83dx")").find("unpaired surrogate") != std::string::npos);
   CHECK(parse_error(R"("\ud83d\u0041")").find("unpaired surrogate") != std::string::npos);
   CHECK(parse_error(R"("\ude00")").find("unpaired surrogate") != std::string::npos);
   CHECK(parse_error(R"("\u12")").find("4 hex digits") != std::string::npos);
   CHECK(parse_error(R"("\u12G4")").find("4 hex digits") != std::string::npos);
   CHECK(parse_error(R"("\u0000")").find("\\u0000 is not allowed") != std::string::npos);
   CHECK(parse_error(R"("\x")") == "invalid JSON at offset 2: invalid escape");
}

TEST_CASE("raw UTF-8 is checked") {
   CHECK(parse_string("\"gr\xC3\xBC\xC3\x9F \xF0\x9F\x98\x80\"") == "gr\xC3\xBC\xC3\x9F \xF0\x9F\x98\x80");
   CHECK(parse_error("\"\xC3\"").find("invalid UTF-8") != std::string::npos);          // cut short
   CHECK(parse_error("\"\xC0\xAF\"").find("invalid UTF-8") != std::string::npos);      // overlong
   CHECK(parse_error("\"\xE0\x80\xAF\"").find("invalid UTF-8") != std::string::npos);  // overlong
   CHECK(parse_error("\"\xED\xA0\x80\"").find("invalid UTF-8") != std::string::npos);  // surrogate
   CHECK(parse_error("\"\xF4\x90\x80\x80\"").find("invalid UTF-8") != std::string::npos);  // > U+10FFFF
   CHECK(parse_error("\"\xFF\"").find("invalid UTF-8") != std::string::npos);
}

TEST_CASE("control characters inside strings are refused") {
   CHECK(parse_error("\"a\nb\"") == "invalid JSON at offset 2: control character in string");
   CHECK(parse_error(std::string_view("\"a\0b\"", 5)).find("control character") != std::string::npos);
}

TEST_CASE("numbers follow the JSON grammar and keep their token") {
   for (const char *ok : {"0", "-0", "12", "-12", "1.5", "1e3", "1E+3", "-2.5e-7", "123456789012345678901234"}) {
      auto r = portier::json::parse(ok);
      REQUIRE(r.ok());
      CHECK(r.value().kind == Kind::number);
      CHECK(r.value().text == ok);
   }
   CHECK(parse_error("01").find("leading zeros") != std::string::npos);
   CHECK(parse_error("1.").find("digit after '.'") != std::string::npos);
   CHECK(parse_error(".5").find("unexpected character") != std::string::npos);
   CHECK(parse_error("1e").find("exponent") != std::string::npos);
   CHECK(parse_error("-").find("expected a digit") != std::string::npos);
   CHECK(parse_error("+1").find("unexpected character") != std::string::npos);
   CHECK(parse_error("0x10").find("unexpected content") != std::string::npos);
   CHECK(parse_error("NaN").find("unexpected character") != std::string::npos);
}

TEST_CASE("malformed documents name the offset of the problem") {
   CHECK(parse_error("") == "invalid JSON at offset 0: unexpected end of input");
   CHECK(parse_error("   ") == "invalid JSON at offset 3: unexpected end of input");
   CHECK(parse_error("{\"a\" 1}") == "invalid JSON at offset 5: expected ':' after a key");
   CHECK(parse_error("{\"a\":1,}") == "invalid JSON at offset 7: expected a key");
   CHECK(parse_error("[1,]") == "invalid JSON at offset 3: unexpected character");
   CHECK(parse_error("[1 2]") == "invalid JSON at offset 3: expected ',' or ']'");
   CHECK(parse_error("{\"a\":1") == "invalid JSON at offset 6: unexpected end of input");
   CHECK(parse_error("{a:1}") == "invalid JSON at offset 1: expected a key");
   CHECK(parse_error("\"abc") == "invalid JSON at offset 4: unterminated string");
   CHECK(parse_error("{} {}") == "invalid JSON at offset 3: unexpected content after the value");
   CHECK(parse_error("tru") == "invalid JSON at offset 0: invalid literal");
   CHECK(parse_error("nul") == "invalid JSON at offset 0: invalid literal");
   CHECK(parse_error("// c\n{}").find("unexpected character") != std::string::npos);
   CHECK(parse_error("\xEF\xBB\xBF{}").find("unexpected character") != std::string::npos);  // BOM
   CHECK(parse_error("{'a':1}").find("expected a key") != std::string::npos);
}

TEST_CASE("duplicate keys are refused") {
   CHECK(parse_error(R"({"a":1,"b":2,"a":3})") == "invalid JSON at offset 0: duplicate key 'a'");
   CHECK(parse_error(R"({"x":{"k":1,"k":2}})").find("duplicate key 'k'") != std::string::npos);
}

TEST_CASE("nesting is limited to 32 levels") {
   CHECK(portier::json::parse(nested(32)).ok());
   CHECK(parse_error(nested(33)) == "invalid JSON at offset 32: nested too deeply");
   CHECK(parse_error(nested(100000)).find("nested too deeply") != std::string::npos);
   std::string objects;
   for (int i = 0; i < 40; ++i) objects += "{\"a\":";
   CHECK(parse_error(objects).find("nested too deeply") != std::string::npos);
   CHECK(parse_error(std::string(50000, '{')) == "invalid JSON at offset 1: expected a key");
}

TEST_CASE("input size and value count are limited") {
   portier::json::Limits small;
   small.max_size = 10;
   CHECK(parse_error("[1,2,3,4,5,6]", small) == "invalid JSON: larger than 10 bytes");
   portier::json::Limits few;
   few.max_values = 3;
   CHECK(portier::json::parse("[1,2]", few).ok());
   CHECK(parse_error("[1,2,3]", few).find("too many values") != std::string::npos);
   std::string big = "[";
   for (int i = 0; i < 200000; ++i) big += "0,";
   big += "0]";
   CHECK(parse_error(big).find("too many values") != std::string::npos);
}

TEST_CASE("whitespace is only space, tab, CR and LF") {
   CHECK(portier::json::parse(" \t\r\n{ }\n").ok());
   CHECK(parse_error("\f{}").find("unexpected character") != std::string::npos);
   CHECK(parse_error("\xC2\xA0{}").find("unexpected character") != std::string::npos);
}

TEST_CASE("mutated documents never crash the reader and stay strict") {
   // A deterministic mutation run (a small in-test fuzzer; ASan builds check the memory side).
   const std::string seed =
       R"({"greeting":"Gr\u00fc\u00df \ud83d\ude00","interval_ms":60000,"list":[1,-2.5e3,true,null,{"k":"v"}]})";
   std::uint32_t state = 12345;
   const auto next = [&state] {
      state = state * 1103515245u + 12345u;
      return state >> 8;
   };
   const char alphabet[] = "{}[]\",:\\u0123456789abcdefDEnulltrue-+.eE \t\n\x80\xC3\xED\xF4\xFF";
   int accepted = 0;
   for (int round = 0; round < 20000; ++round) {
      std::string doc = seed;
      const int edits = 1 + static_cast<int>(next() % 4);
      for (int e = 0; e < edits; ++e) {
         const std::size_t at = next() % (doc.size() + 1);
         const char c = alphabet[next() % (sizeof alphabet - 1)];
         switch (next() % 3) {
         case 0: if (at < doc.size()) doc[at] = c; break;
         case 1: doc.insert(doc.begin() + static_cast<std::ptrdiff_t>(at), c); break;
         default: if (at < doc.size()) doc.erase(at, 1); break;
         }
      }
      auto r = portier::json::parse(doc);
      if (r.ok()) {
         ++accepted;
      } else {
         CHECK(r.message().rfind("invalid JSON", 0) == 0);
      }
   }
   CHECK(accepted > 0);  // some edits (digits in numbers, letters in strings) keep the document valid
   CHECK(accepted < 20000);
}
