// SPDX-License-Identifier: MIT
// Result, strings at the boundary and event records.
#include <catch2/catch.hpp>

#include <cstring>
#include <string>

#include <portier/portier.hpp>

TEST_CASE("a Result holds its value on success and reports OK") {
   portier::Result<int> r = 42;
   CHECK(r.ok());
   CHECK(r.status() == PORTIER_OK);
   CHECK(r.value() == 42);
   CHECK(r.message().empty());
}

TEST_CASE("a failed Result carries status, detail and message") {
   portier::Result<std::string> r = portier::error(PORTIER_ERR_UNAVAILABLE, "link down", 503);
   CHECK_FALSE(r.ok());
   CHECK(r.status() == PORTIER_ERR_UNAVAILABLE);
   CHECK(r.detail() == 503);
   CHECK(r.message() == "link down");
   CHECK(r.value_or("fallback") == "fallback");
}

TEST_CASE("value() of a failed Result throws a portier::Exception with the error") {
   portier::Result<int> r = portier::error(PORTIER_ERR_BUSY, "queue full");
   try {
      (void)r.value();
      FAIL("value() did not throw");
   } catch (const portier::Exception &e) {
      CHECK(e.error().status == PORTIER_ERR_BUSY);
      CHECK(std::string(e.what()) == "queue full");
   }
}

TEST_CASE("an error built with a success status becomes an internal error") {
   portier::Result<void> r = portier::error(PORTIER_OK, "oops");
   CHECK_FALSE(r.ok());
   CHECK(r.status() == PORTIER_ERR_INTERNAL);
}

TEST_CASE("throw_on_error passes values through and throws on failure") {
   CHECK(portier::throw_on_error(portier::Result<int>(7)) == 7);
   CHECK_NOTHROW(portier::throw_on_error(portier::ok()));
   CHECK_THROWS_AS(portier::throw_on_error(portier::Result<void>(portier::error(PORTIER_ERR_STATE, "x"))),
                   portier::Exception);
   portier_error err = PORTIER_ERROR_INIT;
   std::strcpy(err.message, "denied by peer");
   err.detail = 403;
   try {
      portier::throw_on_error(PORTIER_ERR_DENIED, &err);
      FAIL("did not throw");
   } catch (const portier::Exception &e) {
      CHECK(e.error().status == PORTIER_ERR_DENIED);
      CHECK(e.error().detail == 403);
      CHECK(e.error().message == "denied by peer");
   }
   CHECK_NOTHROW(portier::throw_on_error(PORTIER_PENDING));
}

TEST_CASE("string views and portier_str convert both ways") {
   const std::string s = "abc";
   const portier_str p = portier::to_str(s);
   CHECK(p.data == s.data());
   CHECK(p.size == 3);
   CHECK(portier::to_view(p) == "abc");
   CHECK(portier::to_view(portier_str{nullptr, 0}).empty());
}

TEST_CASE("copy into a fixed array reports whether the string fit") {
   char small[4];
   CHECK(portier::copy(small, "abc"));
   CHECK(std::string(small) == "abc");
   CHECK_FALSE(portier::copy(small, "abcd"));
   CHECK(std::string(small) == "abc");
}

TEST_CASE("copy never splits a UTF-8 character when it cuts") {
   char buf[5];
   // "aé€" is a(1) é(2) €(3): only "aé" fits in 4 bytes plus NUL
   CHECK_FALSE(portier::copy(buf, "a\xC3\xA9\xE2\x82\xAC"));
   CHECK(std::string(buf) == "a\xC3\xA9");
   char tiny[3];
   CHECK_FALSE(portier::copy(tiny, "a\xE2\x82\xAC"));
   CHECK(std::string(tiny) == "a");
}

TEST_CASE("copy stops at an embedded NUL and reports it as not fitting") {
   char buf[16];
   CHECK_FALSE(portier::copy(buf, std::string_view("ab\0cd", 5)));
   CHECK(std::string(buf) == "ab");
}

TEST_CASE("make_event zero-fills the record and sets its header") {
   auto ev = portier::make_event<portier_pbx_device_event>(PORTIER_SPACE_PBX, PORTIER_PBX_EV_DEVICE);
   CHECK(ev.header.struct_size == sizeof(portier_pbx_device_event));
   CHECK(ev.header.space == PORTIER_SPACE_PBX);
   CHECK(ev.header.type == PORTIER_PBX_EV_DEVICE);
   CHECK(ev.header.time_us == 0);
   CHECK(ev.header.flags == 0);
   CHECK(ev.device[0] == '\0');
   CHECK(ev.state == 0);
}

TEST_CASE("set_text marks a record truncated when a field is cut") {
   auto ev = portier::make_event<portier_pbx_device_event>(PORTIER_SPACE_PBX, PORTIER_PBX_EV_DEVICE);
   CHECK(portier::set_text(ev.header, ev.device, "4711"));
   CHECK(ev.header.flags == 0);
   CHECK_FALSE(portier::set_text(ev.header, ev.forward_to, std::string(100, '9')));
   CHECK((ev.header.flags & PORTIER_EVENT_TRUNCATED) != 0);
   CHECK(portier::view(ev.forward_to).size() == PORTIER_NUMBER_SIZE - 1);
}
