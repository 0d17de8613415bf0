// SPDX-License-Identifier: GPL-3.0-or-later
#include <string>

#include <catch2/catch.hpp>

#include "extensions.h"
#include "mp2_test_support.h"

using portier::osv::e164_from_dn;
using portier::osv::Extension;
using portier::osv::extensions_from;
using portier::osv::parse_mp2;
using portier::osv::split_display_name;

namespace {

portier::osv::ExtensionList from(const std::string &text) {
   auto f = parse_mp2(text);
   INFO(f.message());
   REQUIRE(f.ok());
   return extensions_from(f.value());
}

}  // namespace

TEST_CASE("every subscriber record becomes an extension with number, names and e164") {
   const auto list = from(mp2test::fixture("export_all.txt"));
   REQUIRE(list.extensions.size() == 4);
   const Extension &anna = list.extensions[0];
   CHECK(anna.number == "4930555510");
   CHECK(anna.e164 == "+4930555510");
   CHECK(anna.display_name == "Muster, Anna");
   CHECK(anna.first_name == "Anna");
   CHECK(anna.last_name == "Muster");
   CHECK(anna.department.empty());
   CHECK(anna.email.empty());
   CHECK(list.extensions[1].first_name == "Bernd \"Bob\"");
   CHECK(list.extensions[1].last_name == "Beispiel");
}

TEST_CASE("HomeDn, UM and unknown records are not extensions") {
   const auto list = from(mp2test::fixture("export_all.txt"));
   for (const Extension &e : list.extensions) CHECK(e.number != "");
   CHECK(list.extensions[0].number == "4930555510");
   CHECK(list.extensions[1].number == "4930555511");
   CHECK(list.extensions[2].number == "4930555599");
   CHECK(list.extensions[3].number == "7001");
   CHECK(list.skipped == 0);
}

TEST_CASE("a subscriber without DISPLAYNAME takes its BGLINENAME and is not split") {
   const auto list = from(mp2test::fixture("export_all.txt"));
   CHECK(list.extensions[2].display_name == "Reception");
   CHECK(list.extensions[2].first_name.empty());
   CHECK(list.extensions[2].last_name.empty());
}

TEST_CASE("a short DN has no e164") {
   const auto list = from(mp2test::fixture("export_all.txt"));
   CHECK(list.extensions[3].number == "7001");
   CHECK(list.extensions[3].e164.empty());
}

TEST_CASE("a subscriber without a DN, or repeating one, is skipped and counted") {
   const auto list = from("FILE VERSION:1:MP2\nCS_SIP\n,DISPLAYNAME=\"No, Number\"\n;;\n"
                          "CS_SIP\n,SUBSCRIBERDN=\"4930555510\"\n,DISPLAYNAME=\"First, One\"\n;;\n"
                          "CS_SIP\n,SUBSCRIBERDN=\"4930555510\"\n,DISPLAYNAME=\"Second, One\"\n;;\n");
   REQUIRE(list.extensions.size() == 1);
   CHECK(list.extensions[0].first_name == "One");
   CHECK(list.extensions[0].last_name == "First");
   CHECK(list.skipped == 2);
}

TEST_CASE("display names split at the first comma, trimmed") {
   CHECK(split_display_name("Muster,Anna").first == "Anna");
   CHECK(split_display_name("  Muster ,  Anna Maria ").last == "Muster");
   CHECK(split_display_name("  Muster ,  Anna Maria ").first == "Anna Maria");
   CHECK(split_display_name("Anna Muster").first.empty());
   CHECK(split_display_name("Anna Muster").last.empty());
}

TEST_CASE("e164 is formed only from a full international DN") {
   CHECK(e164_from_dn("4930555510") == "+4930555510");
   CHECK(e164_from_dn("+4930555510") == "+4930555510");
   CHECK(e164_from_dn("15615551234") == "+15615551234");
   CHECK(e164_from_dn("1234567").empty());            // too short: an extension
   CHECK(e164_from_dn("1234567890123456").empty());   // more than 15 digits
   CHECK(e164_from_dn("030555510").empty());          // a national form with a trunk prefix
   CHECK(e164_from_dn("49305555x0").empty());
   CHECK(e164_from_dn("").empty());
}
