// SPDX-License-Identifier: MIT
// The shared load-time descriptor checks, called directly as the kernel calls them.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "descriptor_checks.h"

namespace {

using portier::check::check_descriptor;
using portier::check::copy_descriptor;

portier_status PORTIER_ABI validate(portier_str, portier_error *) { return PORTIER_OK; }
portier_status PORTIER_ABI create(const portier_host *, portier_str, portier_instance **, portier_error *)
{
   return PORTIER_OK;
}
portier_status PORTIER_ABI start(portier_instance *, portier_error *) { return PORTIER_OK; }
void PORTIER_ABI stop(portier_instance *) {}
void PORTIER_ABI destroy(portier_instance *) {}
const void *PORTIER_ABI get_interface(portier_instance *, const char *) { return nullptr; }

portier_plugin good()
{
   portier_plugin d;
   std::memset(&d, 0, sizeof d);
   d.struct_size = sizeof d;
   d.abi_major = 1;
   d.id = "pbx.osv";
   d.kind = "pbx";
   d.name = "OpenScape Voice";
   d.version = "1.4.2";
   d.validate_config = validate;
   d.create = create;
   d.start = start;
   d.stop = stop;
   d.destroy = destroy;
   d.get_interface = get_interface;
   return d;
}

const std::vector<std::string> kServed = {"portier.host.client/1"};

bool has(const std::vector<std::string> &lines, const std::string &text)
{
   return std::find(lines.begin(), lines.end(), text) != lines.end();
}

}  // namespace

TEST_CASE("a well formed descriptor passes every load-time check")
{
   const portier_plugin d = good();
   CHECK(check_descriptor(&d, kServed).empty());
}

TEST_CASE("every descriptor fault is listed, not just the first")
{
   portier_plugin d = good();
   d.abi_major = 2;
   d.id = "Bad Id";
   d.kind = "foo";
   d.name = "";
   d.version = "1.x";
   d.start = nullptr;
   const auto lines = check_descriptor(&d, kServed);
   CHECK(has(lines, "built for ABI major 2, this core speaks major 1"));
   CHECK(has(lines, "id 'Bad Id' is not well formed (expected [a-z0-9][a-z0-9.-]*, at most 63 bytes)"));
   CHECK(has(lines, "kind 'foo' is not one of pbx, trunk, presence, calendar, directory, client, service"));
   CHECK(has(lines, "name is empty"));
   CHECK(has(lines, "version '1.x' is not a semantic version"));
   CHECK(has(lines, "missing mandatory function start"));
   CHECK(lines.size() == 6);
}

TEST_CASE("a small descriptor is refused and nothing past its struct_size is read")
{
   // The fields after struct_size hold pointers that would crash if followed.
   portier_plugin d = good();
   d.struct_size = 8;  // only struct_size, abi_major and abi_minor
   d.id = reinterpret_cast<const char *>(0x10);
   d.start = reinterpret_cast<decltype(d.start)>(0x10);
   const auto lines = check_descriptor(&d, kServed);
   // One line: every field past the end is missing because of it.
   CHECK(lines == std::vector<std::string>{"descriptor is 8 bytes, smaller than the 1.0 descriptor (" +
                                           std::to_string(sizeof(portier_plugin)) + " bytes)"});
}

TEST_CASE("a required host service the core does not serve is named")
{
   portier_plugin d = good();
   static const char *const required[] = {"portier.host.client/1", "portier.host.nope/1", nullptr};
   d.required_services = required;
   const auto lines = check_descriptor(&d, kServed);
   REQUIRE(lines.size() == 1);
   CHECK(lines[0] == "requires host service 'portier.host.nope/1', which this core does not serve");
}

TEST_CASE("a features list without a NULL within 64 entries is refused")
{
   portier_plugin d = good();
   std::vector<const char *> features(65, "tag");
   d.features = features.data();
   const auto lines = check_descriptor(&d, kServed);
   CHECK(has(lines, "features is not NULL-terminated within 64 entries"));
}

TEST_CASE("a malformed entry in a list is named with its index")
{
   portier_plugin d = good();
   static const char *const features[] = {"vnr", "Not OK", nullptr};
   static const char *const required[] = {"portier.host.client", nullptr};
   d.features = features;
   d.required_services = required;
   const auto lines = check_descriptor(&d, kServed);
   CHECK(has(lines, "features[1] 'Not OK' is not well formed (expected [a-z0-9][a-z0-9.-]*, at most 63 bytes)"));
   CHECK(lines.size() == 2);
}

TEST_CASE("reconfigure may be NULL: the host restarts the plugin instead")
{
   portier_plugin d = good();
   d.reconfigure = nullptr;
   CHECK(check_descriptor(&d, kServed).empty());
}

TEST_CASE("a descriptor from a newer minor is copied up to what this core knows")
{
   struct Newer {
      portier_plugin v1;
      uint64_t added_in_1_1;
   } newer{good(), 7};
   newer.v1.struct_size = sizeof newer;
   const portier_plugin copy = copy_descriptor(&newer.v1);
   CHECK(copy.struct_size == sizeof newer);
   CHECK(std::string(copy.id) == "pbx.osv");
   CHECK(check_descriptor(&newer.v1, kServed).empty());
}

TEST_CASE("a descriptor from an older, smaller build reads its missing fields as zero")
{
   portier_plugin d = good();
   d.struct_size = offsetof(portier_plugin, vendor);
   const portier_plugin copy = copy_descriptor(&d);
   CHECK(copy.vendor == nullptr);
   CHECK(copy.create == nullptr);
   CHECK(std::string(copy.version) == "1.4.2");
}

TEST_CASE("semantic versions follow semver.org")
{
   using portier::check::is_semantic_version;
   CHECK(is_semantic_version("1.4.2"));
   CHECK(is_semantic_version("0.0.1-rc.1+build.5"));
   CHECK_FALSE(is_semantic_version("1.4"));
   CHECK_FALSE(is_semantic_version("01.4.2"));
   CHECK_FALSE(is_semantic_version("1.4.2-"));
   CHECK_FALSE(is_semantic_version("1.4.2-01"));
}
