// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>

#include <string>

#include "cookies.h"

namespace web = portier::web;

TEST_CASE("the session cookie is found among several cookies") {
   CHECK(web::find_cookie("theme=dark; portier_session=abc123; lang=de", "portier_session") ==
         std::optional<std::string>("abc123"));
   CHECK(web::find_cookie("portier_session=abc", "portier_session") == std::optional<std::string>("abc"));
   CHECK(web::find_cookie("  portier_session = x-y_z ;", "portier_session") == std::optional<std::string>("x-y_z"));
}

TEST_CASE("a quoted cookie value loses its quotes") {
   CHECK(web::find_cookie(R"(a=1; portier_session="q1")", "portier_session") == std::optional<std::string>("q1"));
}

TEST_CASE("a cookie whose name only starts like the session's is not the session") {
   CHECK_FALSE(web::find_cookie("portier_session_old=1; xportier_session=2", "portier_session"));
   CHECK_FALSE(web::find_cookie("", "portier_session"));
   CHECK_FALSE(web::find_cookie("portier_session", "portier_session"));
}

TEST_CASE("a cookie header with too many pairs or too many bytes is not searched to its end") {
   std::string many;
   for (std::size_t i = 0; i < web::kMaxCookiePairs; ++i) many += "c" + std::to_string(i) + "=1; ";
   CHECK_FALSE(web::find_cookie(many + "portier_session=late", "portier_session"));
   CHECK_FALSE(web::find_cookie("portier_session=x; " + std::string(web::kMaxCookieHeaderChars, 'a'), "portier_session"));
}

TEST_CASE("the session cookie is HttpOnly and SameSite=Strict, and Secure under TLS only") {
   const std::string plain = web::session_cookie("ID", false);
   CHECK(plain == "portier_session=ID; Path=/; HttpOnly; SameSite=Strict");
   CHECK(web::session_cookie("ID", true) == "portier_session=ID; Path=/; HttpOnly; SameSite=Strict; Secure");
   const std::string cleared = web::cleared_session_cookie(false);
   CHECK(cleared.rfind("portier_session=;", 0) == 0);
   CHECK(cleared.find("Max-Age=0") != std::string::npos);
}
