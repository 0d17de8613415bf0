// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>

#include "directory/search_text.h"

using namespace portier::directory;

namespace {

Contact hans_mueller() {
   Contact c;
   c.name.given = "Hans";
   c.name.family = "Müller";
   c.name.display = "Müller, Hans";
   c.company = "Müller AG";
   c.department = "Hans Sales";
   c.numbers = {{NumberType::office, "+498912345", ""}, {NumberType::mobile, "+49 89 12345", ""}};
   c.extension = "498912345";
   return c;
}

}  // namespace

TEST_CASE("a contact's index texts hold each word, code and number once, across all its fields") {
   const SearchText text = search_text_of(hans_mueller());
   CHECK(text.names == "hans muller mueller ag sales");
   CHECK(text.sounds == "k068 m0hns k657 m0mlr");
   CHECK(text.digits == "498912345");
}

TEST_CASE("an extension with a space is one word of the digits text, not two numbers") {
   Contact c = hans_mueller();
   c.numbers = {{NumberType::office, "+1234", ""}};
   c.extension = "12 34";
   CHECK(search_text_of(c).digits == "1234 12 34");
}

TEST_CASE("the rank key is the folded name parts, company and display, then the id in 16 hex digits") {
   CHECK(rank_key_of(hans_mueller(), 255) == "muller\x1fhans\x1fmuller ag\x1fmuller hans\x1f" "00000000000000ff");
   CHECK(rank_key_of(hans_mueller(), -2).ends_with("\x1f" "fffffffffffffffe"));
   Contact company_only;
   company_only.company = "ACME GmbH";
   CHECK(rank_key_of(company_only, 1) == "acme gmbh\x1f\x1f" "acme gmbh\x1f\x1f" "0000000000000001");
}
