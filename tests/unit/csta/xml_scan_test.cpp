// SPDX-License-Identifier: GPL-3.0-or-later
// Our XML scanner against expat: every document expat accepts reads the same (names, attributes,
// leaf text), and the documents it must refuse are refused with a reason and a position.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "csta_test_support.h"
#include "portier/csta/builders.h"
#include "tree_dump.h"

using namespace portier::csta;
using portier::csta::test::expat_dump;
using portier::csta::test::our_dump;

namespace {
std::string slurp(const std::filesystem::path &path) {
   std::ifstream in(path, std::ios::binary);
   return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void reads_like_expat(const std::string &xml) {
   INFO(xml);
   const auto theirs = expat_dump(xml);
   REQUIRE(theirs.has_value());
   std::string why;
   const auto ours = our_dump(xml, &why);
   INFO(why);
   REQUIRE(ours.has_value());
   CHECK(*ours == *theirs);
}
}  // namespace

TEST_CASE("every recorded OpenScape Voice message reads as expat reads it") {
   int files = 0;
   for (const auto &entry : std::filesystem::directory_iterator(PORTIER_CSTA_FIXTURES)) {
      const auto name = entry.path().filename().string();
      if (name.ends_with(".xml")) {
         reads_like_expat(slurp(entry.path()));
      } else if (name.ends_with(".frame")) {
         reads_like_expat(slurp(entry.path()).substr(kHeaderSize));
      } else {
         continue;
      }
      ++files;
   }
   CHECK(files >= 8);
}

TEST_CASE("the XML forms CSTA peers use read as expat reads them") {
   for (const std::string &xml : std::vector<std::string>{
           std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<a xmlns=\"urn:x\" xmlns:p='urn:p'>\r\n <p:b k = 'v1' l=\"v&amp;2\">t</p:b>\r\n</a>\r\n"),
           std::string("\xEF\xBB\xBF<a><b>x<!-- a comment -->y</b><c><![CDATA[<raw> & ]]></c></a>"),
           std::string("<a><b>&lt;&gt;&amp;&quot;&apos;&#65;&#x42;&#xE4;&#x1F600;</b></a>"),
           std::string("<a at=\"one\ttwo\nthree\r\nfour&#10;five\"/>"),
           std::string("<a>line\r\nbreak\rhere</a>"),
           std::string("<a><?pi some data?><b/><b></b ><b>\n  spaced  \n</b></a>"),
           std::string("<a>text<b>mixed</b>more</a>"),
           std::string("<ns1:a xmlns:ns1=\"urn:1\"><ns1:b>1</ns1:b><c.d-e_f>2</c.d-e_f></ns1:a>"),
           std::string("<a>J\xC3\xBCrgen M\xC3\xBCller</a>"),
        }) {
      reads_like_expat(xml);
   }
}

TEST_CASE("every request our builders write reads as expat reads it") {
   reads_like_expat(build(MakeCall{"100", "200"}));
   reads_like_expat(build(MonitorStart{"+4930555510", "deviceNumber"}));
   reads_like_expat(build(SystemRegister{}));
   reads_like_expat(build(StartApplicationSession{"Portier & Co <test>"}));
}

TEST_CASE("documents that are not well-formed are refused with a reason and a position") {
   struct Case {
      std::string xml;
      std::string reason;
      std::size_t offset;
   };
   for (const auto &c : std::vector<Case>{
           {"<a><b></a>", "mismatched tag", 8},
           {"<a>", "unclosed element at the end of the document", 3},
           {"<a attr=v/>", "an attribute value without quotes", 8},
           {"<a attr='v/>", "unclosed attribute value", 9},
           {"<a x='1'y='2'/>", "not well-formed (attributes need a space between them)", 8},
           {"<a>&nbsp;</a>", "undefined entity 'nbsp'", 3},
           {"<a>&#0;</a>", "invalid character reference", 3},
           {"<a>& b</a>", "a '&' that starts no reference", 3},
           {"<a x='<'/>", "a '<' in an attribute value", 6},
           {"<a/><b/>", "junk after the document element", 4},
           {"<a/>x", "junk after the document element", 4},
           {"x<a/>", "text before the root element", 0},
           {"<a><!-- open</a>", "unclosed comment", 3},
           {"<a><![CDATA[x</a>", "unclosed CDATA section", 3},
           {"<1a/>", "not well-formed (invalid token)", 1},
           {"</a>", "an end tag without a start tag", 2},
           {"", "no element found", 0},
           {"<a", "unclosed start tag", 0},
        }) {
      INFO(c.xml);
      CHECK_FALSE(expat_dump(c.xml).has_value());
      std::string why;
      CHECK_FALSE(our_dump(c.xml, &why).has_value());
      CHECK(why == c.reason);
      ParseError error;
      XmlTree tree(ParseLimits{});
      CHECK_FALSE(tree.read(c.xml, error));
      CHECK(error.offset == c.offset);
   }
}

TEST_CASE("every document of the fuzz corpus that expat accepts reads the same") {
   int compared = 0;
   for (const auto &entry : std::filesystem::directory_iterator(PORTIER_CSTA_CORPUS)) {
      const auto bytes = slurp(entry.path());
      for (const auto &xml : {bytes, bytes.size() > kHeaderSize ? bytes.substr(kHeaderSize) : std::string()}) {
         if (!expat_dump(xml)) continue;
         reads_like_expat(xml);
         ++compared;
      }
   }
   CHECK(compared > 0);
}
