// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>

#include "csv_settings.h"

using namespace portier::csv;

namespace {
CsvSettings settings_of(std::string_view json) {
   auto s = parse_csv_settings(json);
   INFO(s.message());
   REQUIRE(s.ok());
   return s.value();
}
std::string settings_failure(std::string_view json) {
   auto s = parse_csv_settings(json);
   REQUIRE(!s.ok());
   CHECK(s.status() == PORTIER_ERR_CONFIG);
   return s.message();
}
}  // namespace

TEST_CASE("a full configuration is read with every column") {
   const CsvSettings s = settings_of(R"({"path":"/srv/phonebook/hr.csv","delimiter":";","encoding":"latin-1","header":true,
      "columns":{"source_id":"ID","given":"First name","family":"Last name","display":"Name","company":"Firma",
                 "department":"Abteilung","location":"Standort","building":"Gebäude","cost_centre":"KST",
                 "notes":"Notiz","extension":"Nebenstelle","email":["Mail","Mail 2"],
                 "phones":[{"column":"Telefon","type":"office"},{"column":"Handy","type":"mobile"},
                           {"column":"Privat","type":"private"}]},
      "max_bytes":1048576})");
   CHECK(s.path == "/srv/phonebook/hr.csv");
   CHECK(s.delimiter == ';');
   CHECK(s.encoding == Encoding::latin1);
   CHECK(s.columns.fields[index_of(Field::building)] == "Gebäude");
   CHECK(s.columns.fields[index_of(Field::cost_centre)] == "KST");
   CHECK(s.columns.emails == std::vector<std::string>{"Mail", "Mail 2"});
   REQUIRE(s.columns.phones.size() == 3);
   CHECK(s.columns.phones[1].type == kPhoneMobile);
   CHECK(s.columns.phones[2].type == kPhoneOther);
   CHECK(s.max_bytes == 1048576);
}

TEST_CASE("defaults: comma, auto encoding, a header, 512 MiB") {
   const CsvSettings s = settings_of(R"({"path":"/a.csv","columns":{"source_id":"ID","email":"Mail"}})");
   CHECK(s.delimiter == ',');
   CHECK(s.encoding == Encoding::automatic);
   CHECK(s.header);
   CHECK(s.max_bytes == 512ull * 1024 * 1024);
   CHECK(s.columns.emails == std::vector<std::string>{"Mail"});
}

TEST_CASE("tab is accepted as a character or by name") {
   CHECK(settings_of(R"({"path":"/a.csv","delimiter":"\t","columns":{"source_id":"ID"}})").delimiter == '\t');
   CHECK(settings_of(R"({"path":"/a.csv","delimiter":"tab","columns":{"source_id":"ID"}})").delimiter == '\t');
}

TEST_CASE("path and columns.source_id are required") {
   CHECK(settings_failure("{}") == "settings.path: is required: the CSV file's absolute path; "
                      "settings.columns: is required (at least {source_id: <column>})");
   CHECK(settings_failure(R"({"path":"/a.csv","columns":{"given":"G"}})") ==
         "settings.columns.source_id: is required: the column that identifies a contact");
}

TEST_CASE("a relative path is refused") {
   CHECK(settings_failure(R"({"path":"data/a.csv","columns":{"source_id":"ID"}})") ==
         "settings.path: 'data/a.csv' is not an absolute path");
}

TEST_CASE("a misspelled column key is reported with a did-you-mean") {
   CHECK(settings_failure(R"({"path":"/a.csv","columns":{"source_id":"ID","cost_center":"KST"}})") ==
         "settings.columns: unknown key 'cost_center' (did you mean 'cost_centre'?)");
}

TEST_CASE("a misspelled top-level key is reported with a did-you-mean") {
   CHECK(settings_failure(R"({"path":"/a.csv","columns":{"source_id":"ID"},"delimeter":";"})") ==
         "settings: unknown key 'delimeter' (did you mean 'delimiter'?)");
}

TEST_CASE("bad delimiter, encoding and phone type are each named") {
   CHECK(settings_failure(R"({"path":"/a.csv","columns":{"source_id":"ID"},"delimiter":"#"})") ==
         "settings.delimiter: '#' is not one of ',', ';', '|', tab");
   CHECK(settings_failure(R"({"path":"/a.csv","columns":{"source_id":"ID"},"encoding":"cp1252"})") ==
         "settings.encoding: 'cp1252' is not one of auto, utf-8, latin-1");
   CHECK(settings_failure(R"({"path":"/a.csv","columns":{"source_id":"ID","phones":[{"column":"P","type":"pager"}]}})") ==
         "settings.columns.phones[0].type: expected office, mobile, home, fax or private");
}

TEST_CASE("schedule is refused like any unknown key: the core's directory section owns schedules") {
   CHECK(settings_failure(R"({"path":"/a.csv","columns":{"source_id":"ID"},"schedule":{"every":"15m"}})")
             .find("settings: unknown key 'schedule'") == 0);
}

TEST_CASE("without a header columns are numbers") {
   const CsvSettings s = settings_of(R"({"path":"/a.csv","header":false,"columns":{"source_id":1,"display":"2"}})");
   CHECK(s.columns.fields[index_of(Field::source_id)] == "1");
   CHECK(s.columns.fields[index_of(Field::display)] == "2");
   CHECK(settings_failure(R"({"path":"/a.csv","header":false,"columns":{"source_id":"ID"}})") ==
         "settings.columns.source_id: expected a column number 1..256 (header: false), got 'ID'");
}

TEST_CASE("max_bytes is bounded") {
   CHECK(settings_failure(R"({"path":"/a.csv","columns":{"source_id":"ID"},"max_bytes":0})") ==
         "settings.max_bytes: 0 is out of range 1..4294967296");
}

TEST_CASE("settings that are not a JSON object are refused") {
   CHECK(!parse_csv_settings("not json").ok());
   CHECK(!parse_csv_settings("[1]").ok());
}
