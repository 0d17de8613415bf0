// SPDX-License-Identifier: GPL-3.0-or-later
// to_e164(from_e164(x)) == x over generated numbers of every kind, at sites of several kinds.
#include <cstdint>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "numbers/extension_of.h"
#include "numbers/from_e164.h"
#include "numbers/to_e164.h"
#include "test_plans.h"

using namespace portier::numbers;
namespace t = portier::numbers::test;

namespace {

// A fixed-seed generator, so a failure repeats.
class Digits {
public:
   explicit Digits(std::uint64_t seed) : state_(seed) {}
   std::uint64_t below(std::uint64_t n) {
      state_ = state_ * 6364136223846793005ULL + 1442695040888963407ULL;
      return (state_ >> 33) % n;
   }
   std::string digits(std::size_t count, bool leading_zero_allowed) {
      std::string text;
      for (std::size_t i = 0; i < count; ++i) {
         const bool first = i == 0 && !leading_zero_allowed;
         text.push_back(static_cast<char>('0' + (first ? 1 + below(9) : below(10))));
      }
      return text;
   }

private:
   std::uint64_t state_;
};

constexpr std::size_t kPerKind = 400;
const std::vector<std::string> kOtherCountries = {"1", "7", "33", "44", "49", "55", "353", "354", "86", "971"};

// Numbers of every kind a site meets: its own extensions under each trunk, its area, its country,
// other countries; all within E.164's 15 digits.
std::vector<std::string> numbers_for(const NumberPlan &plan, Digits &random) {
   std::vector<std::string> numbers;
   const std::string country = "+" + plan.country_code;
   for (std::size_t i = 0; i < kPerKind; ++i) {
      const LocalTrunk &trunk = plan.trunks[i % plan.trunks.size()];
      const std::size_t length = 1 + random.below(plan.max_extension_length);
      numbers.push_back(trunk_prefix(plan, trunk) + random.digits(length, true));
      const std::size_t own = country.size() - 1 + plan.area_code.size();
      // Subscriber and national numbers of at least 6 digits: shorter ones can read as extensions.
      numbers.push_back(country + plan.area_code + random.digits(6 + random.below(15 - own - 5), false));
      numbers.push_back(country + random.digits(6 + random.below(15 - plan.country_code.size() - 5), false));
      const std::string &other = kOtherCountries[random.below(kOtherCountries.size())];
      numbers.push_back("+" + other + random.digits(4 + random.below(15 - other.size() - 3), false));
   }
   return numbers;
}

struct Site {
   const char *name;
   NumberPlan plan;
};

std::vector<Site> sites() {
   return {{"Munich (Germany, area 89)", t::munich()},
           {"London (trunk code 0, two trunks with ranges)", t::london()},
           {"New York (trunk code 1, no area code of its own)", t::new_york()},
           {"Zurich (no public access code)", t::zurich()},
           {"Curitiba (OpenScape 4000 with VNR)", t::curitiba()}};
}

}  // namespace

TEST_CASE("every generated number dialled from a site reads back as itself") {
   Digits random(7);
   for (const Site &site : sites()) {
      std::size_t checked = 0;
      for (const std::string &number : numbers_for(site.plan, random)) {
         const auto dialled = from_e164(site.plan, number, Form::dial);
         REQUIRE(dialled);
         // Every site here has an international access code, so no number needs the '+' fallback.
         CHECK(dialled->front() != '+');
         const auto back = to_e164(site.plan, *dialled, Form::dial);
         if (!back || *back != number) {
            FAIL_CHECK(site.name << ": " << number << " dialled as " << *dialled << " reads back as "
                                 << (back ? *back : describe(back.error())));
         }
         ++checked;
      }
      CHECK(checked == 4 * kPerKind);
   }
}

TEST_CASE("every generated number shown at a site reads back as itself") {
   Digits random(11);
   for (const Site &site : sites()) {
      for (const std::string &number : numbers_for(site.plan, random)) {
         const auto shown = from_e164(site.plan, number, Form::display);
         REQUIRE(shown);
         const bool same_country = number.starts_with("+" + site.plan.country_code);
         CHECK((shown->front() == '+') != same_country);
         const auto back = to_e164(site.plan, *shown, Form::display);
         if (!back || *back != number) {
            FAIL_CHECK(site.name << ": " << number << " shown as " << *shown << " reads back as "
                                 << (back ? *back : describe(back.error())));
         }
      }
   }
}

TEST_CASE("every extension of a site reads to a number whose extension it is") {
   Digits random(13);
   for (const Site &site : sites()) {
      for (std::size_t i = 0; i < kPerKind; ++i) {
         const std::string extension =
             random.digits(1 + random.below(site.plan.max_extension_length), true);
         if (!is_extension_form(site.plan, extension)) continue;
         const auto number = to_e164(site.plan, extension, Form::dial);
         if (!number) continue;  // outside every trunk's range: covered by its own test
         CHECK(extension_of(site.plan, *number) == extension);
      }
   }
}

TEST_CASE("an extension reached by a second trunk without a range dials as the extension of the first") {
   NumberPlan plan = t::munich();
   plan.trunks = {{"7007", "", ""}, {"4520", "", ""}};
   const auto dialled = from_e164(plan, "+49894520123", Form::dial);
   REQUIRE(dialled);
   CHECK(*dialled == "123");
   CHECK(*to_e164(plan, *dialled, Form::dial) == "+49897007123");
}
