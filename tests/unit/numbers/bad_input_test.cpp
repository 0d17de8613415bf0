// SPDX-License-Identifier: GPL-3.0-or-later
// Every way a number can be wrong gives an error that says what and where.
#include <catch2/catch.hpp>

#include "numbers/from_e164.h"
#include "numbers/to_e164.h"
#include "test_plans.h"

using namespace portier::numbers;
namespace t = portier::numbers::test;

namespace {

NumberError error_of(const NumberPlan &plan, std::string_view text, Form form) {
   const auto result = to_e164(plan, text, form);
   REQUIRE_FALSE(result);
   return result.error();
}

void check_error(const NumberError &error, const std::string &what, std::size_t position) {
   CHECK(error.what == what);
   CHECK(error.position == position);
}

}  // namespace

TEST_CASE("a letter is reported with its position") {
   check_error(error_of(t::munich(), "089 7007x0", Form::display), "'x' is not part of a phone number", 8);
   check_error(error_of(t::munich(), "+49 89 CALL", Form::dial), "'C' is not part of a phone number", 7);
   check_error(error_of(t::munich(), "ext. 123", Form::dial), "'e' is not part of a phone number", 0);
}

TEST_CASE("a byte that is not printable is shown as hex") {
   check_error(error_of(t::munich(), "089\x01" "70070", Form::display), "'\\x01' is not part of a phone number", 3);
   check_error(error_of(t::munich(), "M\xC3\xBC" "ller", Form::display), "'M' is not part of a phone number", 0);
   check_error(error_of(t::munich(), "\xC3\xBC", Form::display), "'\\xC3' is not part of a phone number", 0);
}

TEST_CASE("an empty or blank number is reported as empty") {
   check_error(error_of(t::munich(), "", Form::dial), "empty: no number given", 0);
   check_error(error_of(t::munich(), "   ", Form::display), "empty: no number given", 0);
}

TEST_CASE("separators without digits are reported as no digits") {
   check_error(error_of(t::munich(), "+", Form::dial), "no digits", 1);
   check_error(error_of(t::munich(), " - / ", Form::display), "no digits", 5);
   check_error(error_of(t::munich(), "()", Form::display), "no digits", 2);
}

TEST_CASE("more than 15 digits are reported at the first digit too many") {
   check_error(error_of(t::munich(), "+4989700712345678", Form::display),
               "more than 15 digits (E.164 allows at most 15)", 16);
   // 49 + 14 national digits; the 14th national digit is the 16th of the E.164 number.
   const std::string too_long = "more than 15 digits (E.164 allows at most 15)";
   check_error(error_of(t::munich(), "0 0 89 700712345678", Form::dial), too_long, 18);
   check_error(error_of(t::munich(), "089 700712345678", Form::display), too_long, 15);
   check_error(error_of(t::munich(), "0 00 44 20794600000000", Form::dial),
               "more than 15 digits (E.164 allows at most 15)", 21);
}

TEST_CASE("an access code alone is reported as missing the number after it") {
   check_error(error_of(t::munich(), "0", Form::dial),
               "only the public access code '0': the number after it is missing", 1);
   check_error(error_of(t::munich(), "00", Form::dial),
               "only the public and national access code '00': the number after it is missing", 2);
   check_error(error_of(t::munich(), "0 00", Form::dial),
               "only the public and international access code '000': the number after it is missing", 4);
   check_error(error_of(t::london(), "9", Form::dial),
               "only the public access code '9': the number after it is missing", 1);
   check_error(error_of(t::zurich(), "00", Form::dial),
               "only the international access code '00': the number after it is missing", 2);
   check_error(error_of(t::munich(), "00", Form::display),
               "only the international prefix '00': the number after it is missing", 2);
   check_error(error_of(t::munich(), "0", Form::display), "only the trunk code '0': the number after it is missing", 1);
}

TEST_CASE("a country code starting with 0 is refused") {
   check_error(error_of(t::munich(), "+049 89 70070", Form::display), "a country code cannot start with 0", 1);
   check_error(error_of(t::munich(), "0000 49 89", Form::dial), "a country code cannot start with 0", 3);
}

TEST_CASE("a misplaced '+' is refused where it stands") {
   check_error(error_of(t::munich(), "0049+89", Form::display), "'+' may only stand at the start", 4);
   check_error(error_of(t::munich(), "++49", Form::display), "'+' may only stand at the start", 1);
}

TEST_CASE("unbalanced or nested brackets are refused at the bracket") {
   check_error(error_of(t::munich(), "+49 (0 89 70070", Form::display), "'(' without ')'", 4);
   check_error(error_of(t::munich(), "+49 0) 89 70070", Form::display), "')' without '('", 5);
   check_error(error_of(t::munich(), "+49 ((0)) 89", Form::display), "'(' inside brackets", 5);
}

TEST_CASE("a text longer than 64 characters is refused without being read") {
   const std::string text(65, '1');
   check_error(error_of(t::munich(), text, Form::display), "longer than 64 characters", 64);
}

TEST_CASE("a plan without a country code converts nothing but '+' numbers") {
   NumberPlan plan = t::munich();
   plan.country_code.clear();
   check_error(error_of(plan, "089 70070", Form::display), "the site's number plan has no country code", 0);
   CHECK(*to_e164(plan, "+498970070", Form::display) == "+498970070");
}

TEST_CASE("from_e164 refuses what is not E.164") {
   for (const char *text : {"", "+", "498970070", "+0498970070", "+49 89", "+4989700712345678", "+4989x"}) {
      CAPTURE(text);
      const auto result = from_e164(t::munich(), text, Form::dial);
      REQUIRE_FALSE(result);
      CHECK(result.error().what == "'" + std::string(text) + "' is not an E.164 number ('+' and 2 to 15 digits)");
   }
}

TEST_CASE("describe puts the position first, counted from 1") {
   CHECK(describe(NumberError{"'x' is not part of a phone number", 8}) ==
         "at character 9: 'x' is not part of a phone number");
}
