// SPDX-License-Identifier: GPL-3.0-or-later
#include <string>

#include <catch2/catch.hpp>

#include "registration.h"

using namespace portier::trunk;

namespace {
constexpr std::int64_t kS = 1000000;
}

TEST_CASE("a started registration is due at once and asks for the configured interval") {
   Registration r;
   CHECK(r.state() == RegistrationState::unregistered);
   CHECK_FALSE(r.due(0));
   r.start(10 * kS);
   CHECK(r.due(10 * kS));
   CHECK(r.expires_s() == 305);
   r.sent(10 * kS);
   CHECK_FALSE(r.due(11 * kS));
   CHECK(r.state() == RegistrationState::registering);
   CHECK(r.limited());
}

TEST_CASE("305 s granted are refreshed every 300 s, never more often than the PBX allows") {
   Registration r;
   r.start(0);
   r.sent(0);
   CHECK(r.granted(1 * kS, 305).empty());
   CHECK(r.state() == RegistrationState::registered);
   CHECK_FALSE(r.limited());
   CHECK(r.reason().empty());
   CHECK(r.next_us() == 301 * kS);
   CHECK_FALSE(r.due(300 * kS));
   CHECK(r.due(301 * kS));
   r.sent(301 * kS);
   CHECK(r.state() == RegistrationState::registered);  // the binding still holds during a refresh
}

TEST_CASE("a shorter Expires granted by the registrar is honoured with a warning") {
   Registration r;
   r.start(0);
   r.sent(0);
   const std::string warning = r.granted(0, 120);
   CHECK(warning.find("granted 120 s") != std::string::npos);
   CHECK(warning.find("300 s") != std::string::npos);
   CHECK(r.next_us() == 115 * kS);
   CHECK(r.expires_at_us() == 120 * kS);
   r.sent(115 * kS);
   CHECK(r.granted(116 * kS, 8).empty() == false);
   CHECK(r.next_us() == 120 * kS);  // a short binding: refreshed at half of it
}

TEST_CASE("failures back off from 1 s doubling up to 60 s, and a success resets the backoff") {
   Registration r;
   r.start(0);
   std::int64_t now = 0;
   const std::int64_t expected[] = {1, 2, 4, 8, 16, 32, 60, 60};
   for (const std::int64_t wait : expected) {
      REQUIRE(r.due(now));
      r.sent(now);
      r.failed(now, "403 Forbidden");
      CHECK(r.state() == RegistrationState::failed);
      CHECK(r.reason() == "403 Forbidden");
      CHECK(r.next_us() == now + wait * kS);
      now = r.next_us();
   }
   r.sent(now);
   CHECK(r.state() == RegistrationState::registering);
   (void)r.granted(now, 305);
   CHECK(r.failures() == 0);
   r.sent(r.next_us());
   r.failed(r.next_us() + kS, "timeout");
   CHECK(r.failures() == 1);
}

TEST_CASE("a failed refresh keeps the trunk registered until the binding runs out") {
   Registration r;
   r.start(0);
   r.sent(0);
   (void)r.granted(0, 305);
   r.sent(300 * kS);
   r.failed(300 * kS, "408 Request Timeout");
   CHECK(r.state() == RegistrationState::registered);
   CHECK(r.reason() == "refresh failed: 408 Request Timeout");
   CHECK(r.next_us() == 301 * kS);
   r.sent(301 * kS);
   r.failed(301 * kS, "408 Request Timeout");
   CHECK(r.next_us() == 303 * kS);
   r.tick(304 * kS);
   CHECK(r.state() == RegistrationState::registered);
   r.tick(305 * kS);
   CHECK(r.state() == RegistrationState::failed);
   CHECK(r.limited());
   CHECK(r.reason().find("registration expired") != std::string::npos);
}

TEST_CASE("423 Interval Too Brief asks again at once with Min-Expires, but only upwards") {
   Registration r;
   r.start(0);
   r.sent(0);
   r.interval_too_brief(kS, 600);
   CHECK(r.expires_s() == 600);
   CHECK(r.due(kS));
   r.sent(kS);
   r.interval_too_brief(2 * kS, 600);  // the same again would loop
   CHECK(r.state() == RegistrationState::failed);
   CHECK(r.reason().find("423") != std::string::npos);
}

TEST_CASE("a 2xx that grants no time is a failure, and a stopped registration ignores late answers") {
   Registration r;
   r.start(0);
   r.sent(0);
   (void)r.granted(0, 0);
   CHECK(r.state() == RegistrationState::failed);
   r.stop();
   CHECK(r.state() == RegistrationState::unregistered);
   (void)r.granted(kS, 305);
   CHECK(r.state() == RegistrationState::unregistered);
   CHECK_FALSE(r.due(1000 * kS));
}
