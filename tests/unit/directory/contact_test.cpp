// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>

#include "directory/contact.h"
#include "directory/contact_json.h"

using namespace portier::directory;

namespace {

Contact valid() {
   Contact c;
   c.source = "csv";
   c.source_id = "1";
   c.name.family = "Huber";
   return c;
}

}  // namespace

TEST_CASE("a field over its limit is named with its length and the limit") {
   Contact c = valid();
   c.company = std::string(kMaxFieldBytes + 1, 'x');
   const auto error = check_contact(c);
   REQUIRE(error);
   CHECK(error->what == "company: 257 bytes, at most 256");
}

TEST_CASE("too many numbers, a mail without @ and a non-digit extension are rejected") {
   Contact c = valid();
   c.numbers.assign(kMaxNumbers + 1, ContactNumber{NumberType::office, "+4989", ""});
   CHECK(check_contact(c));
   c = valid();
   c.emails = {"nobody"};
   CHECK(check_contact(c)->what == "e-mail 'nobody': no '@'");
   c = valid();
   c.extension = "12a";
   CHECK(check_contact(c));
}

TEST_CASE("a contact with nothing to find it by is rejected") {
   Contact c = valid();
   c.name.family.clear();
   CHECK(check_contact(c));
   c.extension = "100";
   CHECK_FALSE(check_contact(c));
}

TEST_CASE("the display name is made from family and given name when none is given") {
   Contact c = valid();
   c.name.given = "Hans";
   CHECK(display_name_of(c) == "Huber, Hans");
   c.name.display = "Dr. Hans Huber";
   CHECK(display_name_of(c) == "Dr. Hans Huber");
}

TEST_CASE("a contact reads back from its stored JSON unchanged") {
   Contact c = valid();
   c.name = {"Hans", "Müller", "Müller, Hans"};
   c.company = "Stadtwerke";
   c.numbers = {{NumberType::mobile, "+491701234567", "0170 1234567"}, {NumberType::fax, "+4989700799", ""}};
   c.emails = {"h@example.com"};
   c.extension = "1234";
   c.notes = "line 1\nline 2";
   const auto back = contact_from_json(to_json(c));
   REQUIRE(back.ok());
   CHECK(to_json(back.value()) == to_json(c));
   CHECK(back->numbers[0].type == NumberType::mobile);
   CHECK(back->numbers[1].type == NumberType::fax);
   CHECK_FALSE(contact_from_json("[1,2]").ok());
   CHECK_FALSE(contact_from_json("{\"p\":[1]}").ok());
   CHECK_FALSE(contact_from_json("{").ok());
}
