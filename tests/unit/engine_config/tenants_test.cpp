// SPDX-License-Identifier: GPL-3.0-or-later
// The `tenants` section: keys, values and names, each refusal at its exact position.
#include <catch2/catch.hpp>

#include "engine_config_support.h"

using portier::engine::test::Lines;
using portier::engine::test::printed;

TEST_CASE("a misspelled tenant key is reported with a did-you-mean") {
   CHECK(printed("tenants:\n  - name: A\n    routing_typ: pick\n") ==
         Lines{"portier.yaml:3:5: unknown key 'routing_typ' (did you mean 'routing_type'?)"});
}

TEST_CASE("a routing type other than automatic or pick is refused") {
   CHECK(printed("tenants:\n  - name: A\n    routing_type: push\n") ==
         Lines{"portier.yaml:3:19: 'routing_type' must be one of automatic, pick, got 'push'"});
}

TEST_CASE("a tenant time that is not a whole number of milliseconds is refused") {
   CHECK(printed("tenants:\n  - name: A\n    default_rna_timeout_ms: 2.5\n") ==
         Lines{"portier.yaml:3:29: 'default_rna_timeout_ms' must be an integer, got '2.5'"});
   CHECK(printed("tenants:\n  - name: A\n    max_transfer_time_ms: 86400001\n") ==
         Lines{"portier.yaml:3:27: 'max_transfer_time_ms' must be between 0 and 86400000, got 86400001"});
}

TEST_CASE("a priority outside 1 to 9 or for an unknown call type is refused") {
   CHECK(printed("tenants:\n  - name: A\n    priorities: { main: 10 }\n") ==
         Lines{"portier.yaml:3:25: 'main' must be between 1 and 9, got 10"});
   CHECK(printed("tenants:\n  - name: A\n    priorities:\n      forwarding_bsy: 2\n") ==
         Lines{"portier.yaml:4:7: unknown key 'forwarding_bsy' (did you mean 'forwarding_busy'?)"});
}

TEST_CASE("a tenant named twice is refused at the second name") {
   CHECK(printed("tenants:\n  - name: A\n  - name: A\n") ==
         Lines{"portier.yaml:3:11: tenant 'A' is already defined at line 2"});
}

TEST_CASE("a tenant without a name or with a backslash in it is refused") {
   CHECK(printed("tenants:\n  - attendants: 3\n") == Lines{"portier.yaml:2:5: tenant needs 'name'"});
   CHECK(printed("tenants:\n  - name: 'a\\b'\n") ==
         Lines{"portier.yaml:2:11: 'name' must be 1 to 64 characters of A-Z, a-z, 0-9, '.', '_' and "
               "'-', starting with a letter or digit, got 'a\\b'"});
}

TEST_CASE("tenants must be a list of mappings") {
   CHECK(printed("tenants: x\n") == Lines{"portier.yaml:1:10: 'tenants' must be a list"});
   CHECK(printed("tenants:\n  - DEFAULT\n") ==
         Lines{"portier.yaml:2:5: each entry of 'tenants' must be a mapping, got 'DEFAULT'"});
}

TEST_CASE("a tenant's variants must exist in variants") {
   CHECK(printed("tenants:\n  - name: A\n    night_variant: nigth\n"
                 "variants:\n  - { id: night, mode: busy }\n") ==
         Lines{"portier.yaml:3:20: variant 'nigth' is not defined in 'variants' (did you mean 'night'?)"});
   CHECK(printed("tenants:\n  - name: A\n    time_overflow_variant: overflow\n") ==
         Lines{"portier.yaml:3:28: variant 'overflow' is not defined in 'variants'"});
}
