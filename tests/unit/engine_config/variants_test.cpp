// SPDX-License-Identifier: GPL-3.0-or-later
// `variants` and `announcements`: modes, their fields, and the announcements they play.
#include <catch2/catch.hpp>

#include "engine_config_support.h"

using portier::engine::test::Lines;
using portier::engine::test::printed;

TEST_CASE("a variant mode other than busy, announcement or forwarding is refused") {
   CHECK(printed("variants:\n  - { id: v, mode: silence }\n") ==
         Lines{"portier.yaml:2:20: 'mode' must be one of busy, announcement, forwarding, got 'silence'"});
}

TEST_CASE("a variant needs an id and a mode") {
   CHECK(printed("variants:\n  - mode: busy\n") == Lines{"portier.yaml:2:5: variant needs 'id'"});
   CHECK(printed("variants:\n  - id: v\n") ==
         Lines{"portier.yaml:2:5: variant needs 'mode' (busy, announcement or forwarding)"});
}

TEST_CASE("a variant's announcement must exist in announcements") {
   CHECK(printed("variants:\n  - { id: v, mode: announcement, announcement: closed }\n"
                 "announcements:\n  - { id: closd, file: closed.wav }\n") ==
         Lines{"portier.yaml:2:48: announcement 'closed' is not defined in 'announcements' (did you "
               "mean 'closd'?)"});
}

TEST_CASE("an announcement variant without an announcement is refused") {
   CHECK(printed("variants:\n  - { id: v, mode: announcement }\n") ==
         Lines{"portier.yaml:2:20: a variant in mode 'announcement' needs 'announcement'"});
}

TEST_CASE("a forwarding variant needs an E.164 destination") {
   CHECK(printed("variants:\n  - { id: v, mode: forwarding }\n") ==
         Lines{"portier.yaml:2:20: a variant in mode 'forwarding' needs 'destination'"});
   CHECK(printed("variants:\n  - { id: v, mode: forwarding, destination: '0897007100' }\n") ==
         Lines{"portier.yaml:2:45: 'destination' must be an E.164 number: '+' and 2 to 15 digits, "
               "not starting with 0, got '0897007100'"});
}

TEST_CASE("a busy variant with a destination is refused at the destination key") {
   CHECK(printed("variants:\n  - { id: v, mode: busy, destination: '+4989' }\n") ==
         Lines{"portier.yaml:2:26: 'destination' applies only to mode 'forwarding'"});
}

TEST_CASE("a variant id used twice is refused") {
   CHECK(printed("variants:\n  - { id: v, mode: busy }\n  - { id: v, mode: busy }\n") ==
         Lines{"portier.yaml:3:11: variant 'v' is already defined at line 2"});
}

TEST_CASE("a variant's tenant must exist") {
   CHECK(printed("variants:\n  - { id: v, mode: busy, tenant: Hotle }\ntenants:\n  - name: Hotel\n") ==
         Lines{"portier.yaml:2:34: tenant 'Hotle' is not defined in 'tenants' (did you mean 'Hotel'?)"});
}

TEST_CASE("an announcement needs an id and a file, and an id once") {
   CHECK(printed("announcements:\n  - { id: a }\n") ==
         Lines{"portier.yaml:2:5: announcement needs 'file'"});
   CHECK(printed("announcements:\n  - { id: a, file: a.wav }\n  - { id: a, file: b.wav }\n") ==
         Lines{"portier.yaml:3:11: announcement 'a' is already defined at line 2"});
   CHECK(printed("announcements:\n  - { id: a, fil: a.wav }\n") ==
         Lines{"portier.yaml:2:5: announcement needs 'file'",
               "portier.yaml:2:14: unknown key 'fil' (did you mean 'file'?)"});
}
