// SPDX-License-Identifier: GPL-3.0-or-later
// The office from configuration: YAML files with positions, inline JSON settings with key paths.
#include <string>

#include <catch2/catch.hpp>

#include "spec/default_office.h"
#include "spec/office_reader.h"

using namespace portier::pbxsim;

namespace {

const char *const kGoodOffice = R"(# a small office
no_answer_ms: 8000
max_forward_hops: 3
extensions:
  - number: "+49897007100"
    name: Anna Berger
    kind: attendant
  - number: "+49897007200"
    name: Katrin Hoffmann
    answer_after_ms: 3000
    hang_up_after_ms: 20000
  - number: "+49897007201"
    name: Markus Schulz
    busy: true
    in_service: false
outside_numbers: ["+4930901820", "+442079460123"]
)";

SpecResult from_json(const std::string &text) {
   auto parsed = portier::json::parse(text);
   REQUIRE(parsed.ok());
   return read_office_json(parsed.value(), "office");
}

}  // namespace

TEST_CASE("a YAML office file gives its extensions, rules and outside numbers") {
   auto read = read_office_yaml(kGoodOffice, "office.yaml");
   REQUIRE(read.ok());
   const OfficeSpec &spec = *read.spec;
   CHECK(spec.no_answer_ms == 8000);
   CHECK(spec.max_forward_hops == 3);
   REQUIRE(spec.extensions.size() == 3);
   CHECK(spec.extensions[0].kind == ExtensionKind::attendant);
   CHECK(spec.extensions[0].display_name == "Anna Berger");
   CHECK(spec.extensions[1].kind == ExtensionKind::office_user);
   CHECK(spec.extensions[1].rules.answer_after_ms == 3000u);
   CHECK(spec.extensions[1].rules.hang_up_after_ms == 20000u);
   CHECK(!spec.extensions[0].rules.answer_after_ms);
   CHECK(spec.extensions[2].rules.busy);
   CHECK(!spec.extensions[2].in_service);
   CHECK(spec.external_numbers == std::vector<std::string>{"+4930901820", "+442079460123"});
}

TEST_CASE("a misspelled key in an office file is reported with file, line and column") {
   auto read = read_office_yaml("extensions:\n  - number: \"100\"\n    nmae: Anna\n", "office.yaml");
   REQUIRE(!read.ok());
   CHECK(read.error.rfind("office.yaml:3:", 0) == 0);
   CHECK(read.error.find("extensions[0]: unknown key 'nmae'") != std::string::npos);
}

TEST_CASE("a wrong value in an office file names its position and what was expected") {
   auto read = read_office_yaml("extensions:\n  - number: \"100\"\n    answer_after_ms: soon\n", "o.yaml");
   REQUIRE(!read.ok());
   CHECK(read.error == "o.yaml:3:22: extensions[0].answer_after_ms: expected an integer 0..3600000, got 'soon'");
   auto kind = read_office_yaml("extensions:\n  - {number: \"100\", kind: boss}\n", "o.yaml");
   CHECK(kind.error == "o.yaml:2:27: extensions[0].kind: expected attendant or office_user, got 'boss'");
}

TEST_CASE("a number used twice in an office file names both lines") {
   auto read = read_office_yaml("extensions:\n  - number: \"100\"\n  - number: \"100\"\n", "o.yaml");
   REQUIRE(!read.ok());
   CHECK(read.error == "o.yaml:3:13: extensions[1].number: number 100 is listed twice (first at line 2)");
   auto outside = read_office_yaml("extensions:\n  - number: \"100\"\noutside_numbers: [\"100\"]\n", "o.yaml");
   CHECK(outside.error.find("outside_numbers[0]: number 100 is listed twice") != std::string::npos);
}

TEST_CASE("broken YAML in an office file is reported at its position") {
   auto read = read_office_yaml("extensions: [\n  - number: 1\n", "o.yaml");
   REQUIRE(!read.ok());
   CHECK(read.error.rfind("o.yaml:", 0) == 0);
   CHECK(!read_office_yaml("", "o.yaml").ok());
   CHECK(read_office_file("/nonexistent/office.yaml").error == "/nonexistent/office.yaml: cannot be read");
}

TEST_CASE("an inline office in the plugin's settings reads like the file") {
   auto read = from_json(R"({"extensions":[{"number":"+49897007100","kind":"attendant"},
                                            {"number":"200","answer_after_ms":1500}],
                             "outside_numbers":["+4930901820"]})");
   REQUIRE(read.ok());
   CHECK(read.spec->extensions.size() == 2);
   CHECK(read.spec->extensions[1].rules.answer_after_ms == 1500u);
}

TEST_CASE("a bad inline office names the settings key path") {
   CHECK(from_json(R"({"extensions":[{"number":"100"},{"number":"20x"}]})").error ==
         "office.extensions[1].number: expected a phone number ('+' and up to 32 digits), got '20x'");
   CHECK(from_json(R"({"extensions":[{"number":"100","busy":"maybe"}]})").error ==
         "office.extensions[0].busy: expected true or false, got 'maybe'");
   CHECK(from_json(R"({"extensions":[]})").error == "office.extensions: expected a list of at least one extension");
   CHECK(from_json(R"({"rooms":1})").error.find("office: unknown key 'rooms'") == 0);
}

TEST_CASE("the built-in office has two attendants, twenty office users and outside callers") {
   const OfficeSpec spec = default_office();
   CHECK(!check_spec(spec));
   int attendants = 0;
   for (const auto &ext : spec.extensions) attendants += ext.kind == ExtensionKind::attendant;
   CHECK(attendants == 2);
   CHECK(spec.extensions.size() == 22);
   CHECK(spec.external_numbers.size() >= 4);
   CHECK(spec.extensions.front().number == "+49897007100");
}
