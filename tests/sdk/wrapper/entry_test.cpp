// SPDX-License-Identifier: MIT
// The PORTIER_PLUGIN macro: a constant descriptor and an entry that negotiates the ABI major.
#include <catch2/catch.hpp>

#include <string>

#include <portier/portier.hpp>

namespace {
class Entry : public portier::Plugin<Entry> {
public:
   Entry(portier::Host, std::string_view) {}
};
}  // namespace

PORTIER_PLUGIN(Entry, "test.entry", PORTIER_KIND_SERVICE, "Entry test", "0.1.0")

TEST_CASE("the entry returns the descriptor for major 1 only, the same pointer every time") {
   const portier_plugin *d = portier_plugin_entry(1);
   REQUIRE(d != nullptr);
   CHECK(portier_plugin_entry(1) == d);
   CHECK(portier_plugin_entry(0) == nullptr);
   CHECK(portier_plugin_entry(2) == nullptr);
   CHECK(std::string(d->id) == "test.entry");
   CHECK(std::string(d->name) == "Entry test");
   CHECK(std::string(d->version) == "0.1.0");
   CHECK(std::string(d->license).empty());
   CHECK(d->required_services == nullptr);
}
