// SPDX-License-Identifier: GPL-3.0-or-later
#include <string>

#include <catch2/catch.hpp>

#include "mp2_parser.h"
#include "mp2_test_support.h"

using portier::osv::Mp2File;
using portier::osv::Mp2Limits;
using portier::osv::parse_mp2;

namespace {

Mp2File parsed(const std::string &text) {
   auto r = parse_mp2(text);
   INFO(r.message());
   REQUIRE(r.ok());
   return r.value();
}

std::string failure(const std::string &text, const Mp2Limits &limits = {}) {
   auto r = parse_mp2(text, limits);
   REQUIRE_FALSE(r.ok());
   CHECK(r.status() == PORTIER_ERR_INVALID);
   return r.message();
}

}  // namespace

TEST_CASE("a good export file gives every record in order with its parameters") {
   const Mp2File f = parsed(mp2test::fixture("export_all.txt"));
   CHECK(f.version == "11.00.01");
   REQUIRE(f.records.size() == 7);
   CHECK(f.records[0].keyword == "HomeDn");
   CHECK(f.records[0].line == 2);
   const auto &anna = f.records[1];
   CHECK(anna.keyword == "CS_SIP");
   CHECK(anna.line == 6);
   REQUIRE(anna.params.size() == 8);
   CHECK(anna.find("SUBSCRIBERDN")->value == "4930555510");
   CHECK(anna.find("DISPLAYNAME")->value == "Muster, Anna");
   CHECK(anna.find("DISPLAYNAME")->quoted);
   CHECK(anna.find("EXTERNALDNFLAG")->value == "true");
   CHECK_FALSE(anna.find("EXTERNALDNFLAG")->quoted);
   CHECK(anna.find("COUNTRYCODELEN")->value == "2");
   CHECK(anna.find("NOSUCHPARAM") == nullptr);
}

TEST_CASE("unknown keywords and parameters are kept, not rejected") {
   const Mp2File f = parsed(mp2test::fixture("export_all.txt"));
   CHECK(f.records[3].keyword == "UM");
   CHECK(f.records[5].keyword == "XYZ_FUTURE_RECORD");
   CHECK(f.records[5].find("SOMETHING")->value == "new in a later release");
   CHECK(f.records[2].find("FUTUREFLAG")->value == "42");
}

TEST_CASE("a doubled quote inside a quoted value is one quote") {
   const Mp2File f = parsed(mp2test::fixture("export_all.txt"));
   CHECK(f.records[2].find("DISPLAYNAME")->value == "Beispiel, Bernd \"Bob\"");
   CHECK(parsed("FILE VERSION:1:MP2\nX\n,A=\"\"\"\"\n;;\n").records[0].find("A")->value == "\"");
   CHECK(parsed("FILE VERSION:1:MP2\nX\n,A=\"\"\n;;\n").records[0].find("A")->value.empty());
}

TEST_CASE("indented lines and several parameters on one line are read") {
   const Mp2File f = parsed(mp2test::fixture("export_all.txt"));
   const auto &bernd = f.records[2];
   CHECK(bernd.find("SUBSCRIBERDN")->value == "4930555511");
   CHECK(bernd.find("BGNAME")->value == "ExampleBG");
   CHECK(bernd.find("BGEXTENSION")->value == "511");
   const Mp2File same_line = parsed("FILE VERSION:1:MP2\nCS_SIP,SUBSCRIBERDN=\"1, 2\" , X=7\n;;\n");
   CHECK(same_line.records[0].find("SUBSCRIBERDN")->value == "1, 2");
   CHECK(same_line.records[0].find("X")->value == "7");
}

TEST_CASE("CRLF line ends read like LF") {
   const Mp2File f = parsed(mp2test::fixture("crlf.txt"));
   REQUIRE(f.records.size() == 2);
   CHECK(f.version == "11.00.01");
   CHECK(f.records[1].find("DISPLAYNAME")->value == "Zeile, Carl");
}

TEST_CASE("a UTF-8 byte order mark before the header is skipped") {
   CHECK(parsed("\xEF\xBB\xBF" "FILE VERSION:9:MP2\n").version == "9");
}

TEST_CASE("a file cut short inside a record is an error naming the record's line") {
   const std::string why = failure(mp2test::fixture("truncated.txt"));
   CHECK(why == "MP2 line 8: the file ends inside record CS_SIP (line 6): no ';;' terminator");
}

TEST_CASE("a record that starts before the previous one ended is an error naming both lines") {
   const std::string why = failure("FILE VERSION:1:MP2\nCS_SIP\n,A=1\nUM\n,B=2\n;;\n");
   CHECK(why == "MP2 line 4: record CS_SIP (line 2) has no ';;' before UM");
}

TEST_CASE("a file without the MP2 header is refused") {
   CHECK(failure("<html>Not found</html>\n") == "MP2 line 1: expected the header 'FILE VERSION:<version>:MP2'");
   CHECK(failure("") == "MP2 line 1: the file is empty; expected the header 'FILE VERSION:<version>:MP2'");
}

TEST_CASE("malformed lines are errors that name the line") {
   CHECK(failure("FILE VERSION:1:MP2\n,A=1\n") == "MP2 line 2: a parameter outside any record");
   CHECK(failure("FILE VERSION:1:MP2\nX\n,A\n;;\n") == "MP2 line 3: parameter A has no '='");
   CHECK(failure("FILE VERSION:1:MP2\nX\n,=1\n;;\n") == "MP2 line 3: a parameter has no name");
   CHECK(failure("FILE VERSION:1:MP2\nX\n,A=\"open\n;;\n") ==
         "MP2 line 3: parameter A: the quoted value has no closing quote on this line");
   CHECK(failure("FILE VERSION:1:MP2\nX\n,A=\"a\"b\n;;\n") ==
         "MP2 line 3: parameter A: unexpected 'b' after the closing quote");
   CHECK(failure("FILE VERSION:1:MP2\n\n;;\n") == "MP2 line 3: ';;' without a record to end");
   CHECK(failure("FILE VERSION:1:MP2\nno keyword here!\n") ==
         "MP2 line 2: expected a record keyword, a ',PARAM=value' line or ';;'");
   CHECK(failure(std::string("FILE VERSION:1:MP2\nX\n,A=\"a\0b\"\n;;\n", 30)) ==
         "MP2 line 3: a NUL byte: this is not a text file");
}

TEST_CASE("a file larger than the limit is refused before parsing") {
   Mp2Limits limits;
   limits.max_bytes = 64;
   const std::string text = "FILE VERSION:1:MP2\nX\n,A=\"" + std::string(100, 'a') + "\"\n;;\n";
   CHECK(failure(text, limits) == "MP2 file: " + std::to_string(text.size()) + " bytes exceed the limit of 64");
}

TEST_CASE("over-long lines and too many records or parameters are refused with the line") {
   Mp2Limits limits;
   limits.max_line = 30;
   CHECK(failure("FILE VERSION:1:MP2\nX\n,A=\"" + std::string(40, 'a') + "\"\n;;\n", limits) ==
         "MP2 line 3: the line is 45 bytes long, more than 30");
   limits = {};
   limits.max_records = 2;
   CHECK(failure("FILE VERSION:1:MP2\nA\n;;\nB\n;;\nC\n;;\n", limits) == "MP2 line 6: more than 2 records");
   limits = {};
   limits.max_params = 2;
   CHECK(failure("FILE VERSION:1:MP2\nA\n,X=1\n,Y=2,Z=3\n;;\n", limits) ==
         "MP2 line 4: more than 2 parameters in one record");
}
