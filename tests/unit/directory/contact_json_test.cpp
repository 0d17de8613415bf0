// SPDX-License-Identifier: GPL-3.0-or-later
// The direct JSON writer must give the bytes the JSON tree gave: bodies stored by an older
// Portier are compared with a run's as text, and a difference would count every row updated.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "directory/contact_json.h"
#include "directory/contact_json_writer.h"

using namespace portier::directory;

namespace {

// The stored form as contact_json.cpp built it before the direct writer.
std::string through_json_tree(const Contact &c) {
   nlohmann::json j = nlohmann::json::object();
   const auto put = [&](const char *key, const std::string &value) {
      if (!value.empty()) j[key] = value;
   };
   put("g", c.name.given);
   put("f", c.name.family);
   put("d", c.name.display);
   put("c", c.company);
   put("dp", c.department);
   put("l", c.location);
   put("b", c.building);
   put("cc", c.cost_centre);
   put("n", c.notes);
   put("x", c.extension);
   put("s", c.source);
   put("i", c.source_id);
   if (c.tenant != kEveryTenant) put("t", c.tenant);
   if (!c.numbers.empty()) {
      nlohmann::json numbers = nlohmann::json::array();
      for (const ContactNumber &number : c.numbers)
         numbers.push_back({std::string(name_of(number.type)), number.e164, number.given});
      j["p"] = std::move(numbers);
   }
   if (!c.emails.empty()) j["e"] = c.emails;
   return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Contact full_contact() {
   Contact c;
   c.name = {"Jürgen", "Groß-Öztürk", "Dr. \"Jü\" Groß"};
   c.company = "Ørsted A/S \\ Nord";
   c.department = "R&D\tLab\n2";
   c.location = "Zürich \x01\x1f end";
   c.building = "B\b\f\r";
   c.cost_centre = "4711";
   c.notes = "日本語 😀 \x7f";
   c.extension = "1234";
   c.source = "hr";
   c.source_id = "id/7";
   c.tenant = "Hotel";
   c.numbers = {{NumberType::office, "+498970071234", "089 7007-1234"}, {NumberType::mobile, "", "0171 55"}};
   c.emails = {"a@example.org", "\"quoted\"@example.org"};
   return c;
}

}  // namespace

TEST_CASE("the direct writer gives the JSON tree's bytes for every field and escape") {
   const Contact c = full_contact();
   const auto written = write_contact_json(c);
   REQUIRE(written.has_value());
   CHECK(*written == through_json_tree(c));
   CHECK(to_json(c) == through_json_tree(c));
}

TEST_CASE("the direct writer leaves out empty fields and the every-tenant scope as the tree did") {
   Contact c;
   c.name.family = "Huber";
   c.source = "hr";
   c.source_id = "1";
   c.tenant = std::string(kEveryTenant);
   CHECK(write_contact_json(c).value() == through_json_tree(c));
   CHECK(write_contact_json(Contact{}).value() == through_json_tree(Contact{}));
}

TEST_CASE("broken UTF-8 falls back to the tree, which replaces the broken bytes") {
   for (const std::string broken : {"M\xFCller", "\xC0\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "ab\xE2\x82"}) {
      Contact c = full_contact();
      c.company = broken;
      CHECK_FALSE(write_contact_json(c).has_value());
      CHECK(to_json(c) == through_json_tree(c));
      const auto back = contact_from_json(to_json(c));
      REQUIRE(back);
      CHECK(back->name.family == c.name.family);
   }
}

TEST_CASE("a written body reads back as the same contact") {
   const Contact c = full_contact();
   const auto back = contact_from_json(write_contact_json(c).value());
   REQUIRE(back);
   CHECK(back->name.display == c.name.display);
   CHECK(back->location == c.location);
   CHECK(back->notes == c.notes);
   CHECK(back->numbers.size() == 2);
   CHECK(back->numbers[1].given == "0171 55");
   CHECK(back->emails == c.emails);
   CHECK(back->tenant == "Hotel");
}
