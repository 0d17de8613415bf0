// SPDX-License-Identifier: GPL-3.0-or-later
// lib-http's URL and form helpers.
#include <catch2/catch.hpp>

#include "url_text.h"

using namespace portier::http;

TEST_CASE("percent-encoding keeps unreserved characters only") {
   CHECK(percent_encode("a-b.c_d~e") == "a-b.c_d~e");
   CHECK(percent_encode("svc console@example.org/+&=") == "svc%20console%40example.org%2F%2B%26%3D");
}

TEST_CASE("a form body joins encoded pairs in order") {
   CHECK(form_body({{"grant_type", "client_credentials"}, {"scope", "https://graph.microsoft.com/.default"}}) ==
         "grant_type=client_credentials&scope=https%3A%2F%2Fgraph.microsoft.com%2F.default");
}

TEST_CASE("the loggable form of a URL drops user info, query and fragment") {
   CHECK(loggable_url("https://u:p@login.example/t/oauth2?secret=1#f") == "https://login.example/t/oauth2");
   CHECK(loggable_url("http://127.0.0.1:8080/v1.0/$batch") == "http://127.0.0.1:8080/v1.0/$batch");
   CHECK(loggable_url("https://h/users/a@b.org") == "https://h/users/a@b.org");
}
