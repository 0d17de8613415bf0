// SPDX-License-Identifier: GPL-3.0-or-later
// Sites and accounts of a published configuration in the store: written whole, replaced whole.
#include <filesystem>
#include <string>

#include <catch2/catch.hpp>

#include "../kernel/temp_dir.h"
#include "engine_config_support.h"
#include "kernel/account_store.h"

using portier::engine::AccountRole;
using portier::engine::PasswordKind;
using portier::engine::test::load;
using portier::kernel::Store;
using portier::kernel::test::TempDir;

namespace {

constexpr std::string_view kFile = R"(sites:
  - { name: munich, country_code: "49", area_code: "89", access_codes: { international: "00" } }
tenants:
  - name: Hotel
accounts:
  - { user: anna, tenant: Hotel, role: attendant, password: { env: ANNA_HASH } }
)";

}  // namespace

TEST_CASE("publishing stores the sites and every account, created ones included") {
   TempDir dir;
   std::string error;
   auto store = Store::open(dir.path() / "portier.db", error);
   REQUIRE(store);
   const auto result = load(kFile);
   REQUIRE(result.errors.empty());
   REQUIRE(portier::kernel::store_sites_and_accounts(*store, result.config->engine, error));

   const auto sites = portier::kernel::stored_sites(*store, error);
   REQUIRE(sites.size() == 1);
   CHECK(sites[0].name == "munich");
   CHECK(sites[0].master);
   CHECK(sites[0].area_code == "89");
   CHECK(sites[0].access_codes.international == "00");

   const auto accounts = portier::kernel::stored_accounts(*store, error);
   // DEFAULT: admin, manager, user; Hotel: anna, manager.
   REQUIRE(accounts.size() == 5);
   CHECK(accounts[3].tenant == "Hotel");
   CHECK(accounts[3].user == "anna");
   CHECK(accounts[3].role == AccountRole::attendant);
   CHECK(accounts[3].password.kind == PasswordKind::env);
   CHECK(accounts[3].password.value == "ANNA_HASH");
   CHECK(accounts[3].enabled);
   CHECK(accounts[4].user == "manager");
   CHECK(accounts[4].created);
   CHECK_FALSE(accounts[4].enabled);
}

TEST_CASE("a later publish replaces the stored accounts and sites") {
   TempDir dir;
   std::string error;
   auto store = Store::open(dir.path() / "portier.db", error);
   REQUIRE(store);
   REQUIRE(portier::kernel::store_sites_and_accounts(*store, load(kFile).config->engine, error));
   REQUIRE(portier::kernel::store_sites_and_accounts(*store, load("").config->engine, error));
   CHECK(portier::kernel::stored_sites(*store, error).empty());
   CHECK(portier::kernel::stored_accounts(*store, error).size() == 3);  // DEFAULT's created ones
}
