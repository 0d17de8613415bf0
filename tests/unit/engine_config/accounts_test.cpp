// SPDX-License-Identifier: GPL-3.0-or-later
// The `accounts` section: roles, tenants, passwords only as hashes or references, and the
// accounts portierd creates for each tenant; each refusal at its position.
#include <algorithm>

#include <catch2/catch.hpp>

#include "engine_config_support.h"

using portier::engine::Account;
using portier::engine::AccountRole;
using portier::engine::PasswordKind;
using portier::engine::test::Lines;
using portier::engine::test::load;
using portier::engine::test::printed;

namespace {

constexpr const char *kHash = "$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHRzYWx0$"
                              "aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaA";

const Account *account(const portier::kernel::ConfigResult &result, std::string_view tenant, std::string_view user) {
   return portier::engine::find_account(result.config->engine, tenant, user);
}

}  // namespace

TEST_CASE("an account with a role, a tenant and an argon2id hash is read and enabled") {
   const auto result = load(std::string("tenants:\n  - name: Hotel\naccounts:\n"
                                        "  - user: anna\n    tenant: Hotel\n    role: tenant_manager\n"
                                        "    password: { argon2id: '") + kHash + "' }\n");
   REQUIRE(result.errors.empty());
   const Account *anna = account(result, "Hotel", "anna");
   REQUIRE(anna);
   CHECK(anna->role == AccountRole::tenant_manager);
   CHECK(anna->password.kind == PasswordKind::argon2id);
   CHECK(anna->password.value == kHash);
   CHECK(anna->enabled);
   CHECK_FALSE(anna->created);
   CHECK(anna->full_name() == "Hotel\\anna");
}

TEST_CASE("a tenant without manager and user accounts gets them created, disabled") {
   const auto result = load("tenants:\n  - name: Hotel\n");
   REQUIRE(result.errors.empty());
   for (const std::string_view tenant : {"DEFAULT", "Hotel"}) {
      const Account *manager = account(result, tenant, "manager");
      REQUIRE(manager);
      CHECK(manager->role == AccountRole::tenant_manager);
      CHECK(manager->created);
      CHECK_FALSE(manager->enabled);
      CHECK(manager->password.kind == PasswordKind::none);
      const Account *user = account(result, tenant, "user");
      REQUIRE(user);
      CHECK(user->role == AccountRole::attendant);
      CHECK_FALSE(user->enabled);
   }
   const Account *admin = account(result, "DEFAULT", "admin");
   REQUIRE(admin);
   CHECK(admin->role == AccountRole::system_manager);
   CHECK(result.config->engine.accounts.size() == 5);
}

TEST_CASE("a tenant that has a manager in the file gets no created manager") {
   const auto result = load("accounts:\n  - { user: boss, role: tenant_manager, password: { env: BOSS_HASH } }\n");
   REQUIRE(result.errors.empty());
   CHECK(account(result, "DEFAULT", "manager") == nullptr);
   const Account *boss = account(result, "DEFAULT", "boss");
   REQUIRE(boss);
   CHECK(boss->password.kind == PasswordKind::env);
   CHECK(boss->password.value == "BOSS_HASH");
}

TEST_CASE("a clear-text password is refused without being repeated") {
   const Lines lines = printed("accounts:\n  - { user: anna, password: hunter2 }\n");
   CHECK(lines == Lines{"portier.yaml:2:29: 'password' is never written in clear: give { argon2id: "
                        "'$argon2id$v=19$...' }, { env: VARIABLE } or { file: PATH } holding such a hash"});
   CHECK(std::none_of(lines.begin(), lines.end(), [](const std::string &l) { return l.find("hunter2") != std::string::npos; }));
}

TEST_CASE("an argon2id value that is not a PHC hash is refused") {
   CHECK(printed("accounts:\n  - user: anna\n    password: { argon2id: 'secret' }\n") ==
         Lines{"portier.yaml:3:27: 'argon2id' must be an argon2id hash in PHC form "
               "('$argon2id$v=19$m=...,t=...,p=...$SALT$HASH'), not a password"});
   CHECK(printed("accounts:\n  - user: anna\n    password: { argon2id: '$argon2i$v=19$m=1,t=1,p=1$c2FsdHNhbHRzYWx0$"
                 "aGFzaGhhc2hoYXNoaGFzaGhhc2g' }\n")
             .size() == 1);
}

TEST_CASE("a password from a file is kept as an absolute path") {
   const auto result = load("accounts:\n  - { user: anna, password: { file: secrets/anna.hash } }\n");
   REQUIRE(result.errors.empty());
   const Account *anna = account(result, "DEFAULT", "anna");
   REQUIRE(anna);
   CHECK(anna->password.kind == PasswordKind::file);
   CHECK(anna->password.value == "/etc/portier/secrets/anna.hash");
}

TEST_CASE("an account without a password, or switched off, is disabled") {
   const auto result = load(std::string("accounts:\n  - { user: anna }\n  - { user: bob, enabled: false, "
                                        "password: { argon2id: '") + kHash + "' } }\n");
   REQUIRE(result.errors.empty());
   CHECK_FALSE(account(result, "DEFAULT", "anna")->enabled);
   CHECK_FALSE(account(result, "DEFAULT", "bob")->enabled);
}

TEST_CASE("an account of an unknown tenant is refused with a did-you-mean") {
   CHECK(printed("tenants:\n  - name: Hotel\naccounts:\n  - { user: anna, tenant: Hotle }\n") ==
         Lines{"portier.yaml:4:27: tenant 'Hotle' is not defined in 'tenants' (did you mean 'Hotel'?)"});
}

TEST_CASE("the same user twice in one tenant is refused at the second") {
   CHECK(printed("accounts:\n  - { user: anna }\n  - { user: anna, role: tenant_manager }\n") ==
         Lines{"portier.yaml:3:13: account 'DEFAULT\\anna' is already defined at line 2"});
}

TEST_CASE("the same user name in two tenants is two accounts") {
   const auto result = load("tenants:\n  - name: Hotel\naccounts:\n  - { user: anna }\n  - { user: anna, tenant: Hotel }\n");
   REQUIRE(result.errors.empty());
   CHECK(account(result, "DEFAULT", "anna"));
   CHECK(account(result, "Hotel", "anna"));
}

TEST_CASE("a role name other than the three is refused with the choices") {
   CHECK(printed("accounts:\n  - { user: anna, role: admin }\n") ==
         Lines{"portier.yaml:2:25: 'role' must be one of system_manager, tenant_manager, attendant, got 'admin'"});
}

TEST_CASE("a system manager outside the DEFAULT tenant is refused") {
   CHECK(printed("tenants:\n  - name: Hotel\naccounts:\n  - { user: root, tenant: Hotel, role: system_manager }\n") ==
         Lines{"portier.yaml:4:40: role 'system_manager' belongs to tenant DEFAULT, not to 'Hotel'"});
}

TEST_CASE("a name taken by another role where portierd would create a manager is refused") {
   CHECK(printed("accounts:\n  - { user: manager, role: attendant }\n") ==
         Lines{"portier.yaml:2:13: tenant 'DEFAULT' has no tenant_manager account, and 'manager', the one "
               "portierd would create, is taken by another role"});
}

TEST_CASE("an account needs a user name without a backslash") {
   CHECK(printed("accounts:\n  - { role: attendant }\n") == Lines{"portier.yaml:2:5: account needs 'user'"});
   CHECK(printed("accounts:\n  - { user: 'a\\b' }\n")[0].find("'user' must be 1 to 64 characters") != std::string::npos);
}

TEST_CASE("a misspelled account key is reported with a did-you-mean") {
   CHECK(printed("accounts:\n  - user: anna\n    rol: attendant\n") ==
         Lines{"portier.yaml:3:5: unknown key 'rol' (did you mean 'role'?)"});
}
