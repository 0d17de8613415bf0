// SPDX-License-Identifier: GPL-3.0-or-later
// The bounded per-console send queue and the request routes.
#include <catch2/catch.hpp>

#include <memory>
#include <string>

#include "request_routes.h"
#include "send_queue.h"

namespace web = portier::web;

TEST_CASE("a slow console's queue overflows once, empties and stays shut") {
   web::SendQueue q(2);
   CHECK(q.push(std::make_shared<const std::string>("1")));
   CHECK(q.push(std::make_shared<const std::string>("2")));
   CHECK_FALSE(q.overflowed());
   CHECK_FALSE(q.push(std::make_shared<const std::string>("3")));
   CHECK(q.overflowed());
   CHECK(q.empty());
   CHECK_FALSE(q.push(std::make_shared<const std::string>("4")));
   CHECK(q.pop() == nullptr);
}

TEST_CASE("messages leave the queue in the order they came") {
   web::SendQueue q(8);
   for (const char *m : {"a", "b", "c"}) REQUIRE(q.push(std::make_shared<const std::string>(m)));
   CHECK(*q.pop() == "a");
   CHECK(*q.pop() == "b");
   CHECK(q.push(std::make_shared<const std::string>("d")));
   CHECK(*q.pop() == "c");
   CHECK(*q.pop() == "d");
   CHECK(q.empty());
}

TEST_CASE("request ids are fresh, never 0, and lead back to the console and its id") {
   web::RequestRoutes routes(4);
   const auto a = routes.open(10, "\"a\"");
   const auto b = routes.open(11, "");
   REQUIRE(a);
   REQUIRE(b);
   CHECK(*a != 0);
   CHECK(*a != *b);
   const auto back = routes.close(*a);
   REQUIRE(back);
   CHECK(back->console == 10);
   CHECK(back->console_id == "\"a\"");
   CHECK_FALSE(routes.close(*a));
   CHECK(routes.waiting() == 1);
}

TEST_CASE("a console that leaves takes its routes along") {
   web::RequestRoutes routes(4);
   const auto a = routes.open(10, "");
   routes.open(10, "");
   const auto b = routes.open(11, "");
   routes.forget_console(10);
   CHECK_FALSE(routes.close(*a));
   CHECK(routes.waiting_for(10) == 0);
   CHECK(routes.close(*b));
}

TEST_CASE("one console may not have more than the bound of commands waiting") {
   web::RequestRoutes routes(2);
   REQUIRE(routes.open(1, ""));
   const auto second = routes.open(1, "");
   REQUIRE(second);
   CHECK_FALSE(routes.open(1, ""));
   CHECK(routes.open(2, ""));  // others are not affected
   routes.close(*second);
   CHECK(routes.open(1, ""));
}
