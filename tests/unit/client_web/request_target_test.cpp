// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>

#include "request_target.h"

using portier::web::map_target;
using portier::web::TargetPath;

TEST_CASE("the root and directories map to their index.html") {
   CHECK(map_target("/").relative == "index.html");
   CHECK(map_target("/help/").relative == "help/index.html");
   CHECK(map_target("/?x=1").relative == "index.html");
   CHECK(map_target("/").kind == TargetPath::Kind::file);
}

TEST_CASE("a file path is decoded, query and fragment dropped, empty segments skipped") {
   const TargetPath t = map_target("/assets//app%20one.js?v=3#top");
   CHECK(t.kind == TargetPath::Kind::file);
   CHECK(t.relative == "assets/app one.js");
}

TEST_CASE("dot segments, also encoded, never leave the root: 404") {
   for (const char *target : {"/../etc/passwd", "/assets/../../x", "/%2e%2e/etc/passwd", "/a/%2E%2E/b", "/./x"}) {
      CAPTURE(target);
      CHECK(map_target(target).kind == TargetPath::Kind::not_found);
   }
}

TEST_CASE("an encoded slash or backslash is refused rather than decoded into a separator") {
   CHECK(map_target("/..%2fetc%2fpasswd").kind == TargetPath::Kind::not_found);
   CHECK(map_target("/a%5c..%5cb").kind == TargetPath::Kind::not_found);
   CHECK(map_target("/a\\b").kind == TargetPath::Kind::not_found);
}

TEST_CASE("hidden names are not served") {
   CHECK(map_target("/.git/config").kind == TargetPath::Kind::not_found);
   CHECK(map_target("/assets/.env").kind == TargetPath::Kind::not_found);
}

TEST_CASE("broken escapes, NULs and targets that are not origin-form are bad requests") {
   for (const char *target : {"/a%", "/a%2", "/a%zz", "/a%00b", "*", "http://example.org/", ""}) {
      CAPTURE(target);
      CHECK(map_target(target).kind == TargetPath::Kind::bad_request);
   }
   CHECK(map_target("/" + std::string(5000, 'a')).kind == TargetPath::Kind::bad_request);
}

TEST_CASE("the path of a target is what comes before query and fragment") {
   CHECK(portier::web::target_path("/ws?token=1") == "/ws");
   CHECK(portier::web::target_path("/ws#x") == "/ws");
   CHECK(portier::web::target_path("/ws") == "/ws");
}
