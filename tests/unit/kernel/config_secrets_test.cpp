// SPDX-License-Identifier: GPL-3.0-or-later
// A plugin entry's `secrets`: references to environment variables and files, never values.
#include <string>

#include <catch2/catch.hpp>

#include "config_test_support.h"

using namespace portier::kernel;
using portier::kernel::test::load;
using portier::kernel::test::printed;
using Lines = std::vector<std::string>;

namespace {

std::string entry_with(const std::string &secrets_yaml)
{
   return "plugins:\n  load:\n    - id: a\n      file: a.so\n      secrets:\n" + secrets_yaml;
}

}  // namespace

TEST_CASE("secrets refer to an environment variable or a file relative to the configuration")
{
   const auto result = load(entry_with("        password: { env: LDAP_PASSWORD }\n"
                                       "        token: { file: secrets/token }\n"));
   REQUIRE(result.errors.empty());
   const auto &secrets = result.config->plugins.at(0).secrets;
   REQUIRE(secrets.size() == 2);
   CHECK(secrets[0].name == "password");
   CHECK(secrets[0].env == "LDAP_PASSWORD");
   CHECK(secrets[0].file.empty());
   CHECK(secrets[0].at.line == 6);
   CHECK(secrets[1].name == "token");
   CHECK(secrets[1].file == "/etc/portier/secrets/token");
}

TEST_CASE("a secret with both sources or neither is refused")
{
   CHECK(printed(entry_with("        password: { env: A, file: b }\n")) ==
         Lines{"portier.yaml:6:9: secret 'password' needs exactly one of 'env' or 'file'"});
   CHECK(printed(entry_with("        password: {}\n")) ==
         Lines{"portier.yaml:6:9: secret 'password' needs exactly one of 'env' or 'file'"});
}

TEST_CASE("a secret written in clear is refused with how to refer to it instead")
{
   CHECK(printed(entry_with("        password: hunter2\n")) ==
         Lines{"portier.yaml:6:9: secret 'password' must be a mapping with 'env' or 'file', e.g. { env: "
               "LDAP_PASSWORD }"});
}

TEST_CASE("secret sources are checked: variable names and near-miss keys")
{
   CHECK(printed(entry_with("        password: { env: 1BAD }\n")) ==
         Lines{"portier.yaml:6:26: '1BAD' is not an environment variable name"});
   const auto lines = printed(entry_with("        password: { evn: X }\n"));
   CHECK(lines == Lines{"portier.yaml:6:9: secret 'password' needs exactly one of 'env' or 'file'",
                        "portier.yaml:6:21: unknown key 'evn' (did you mean 'env'?)"});
}

TEST_CASE("secret names follow a simple rule")
{
   CHECK(printed(entry_with("        Pass Word: { env: X }\n")) ==
         Lines{"portier.yaml:6:9: secret name 'Pass Word' must be 1 to 63 characters of a-z, 0-9, '_', '.' and "
               "'-'"});
}
