// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>

#include "engine/runtime/call_queue.h"

using portier::engine::CallQueue;
using portier::engine::QueuePlace;

TEST_CASE("a queue serves the most urgent priority first, then the earliest arrival", "[engine][queue]") {
   CallQueue queue;
   queue.insert({5, 100, 1, "late-normal"});
   queue.insert({5, 50, 2, "early-normal"});
   queue.insert({2, 200, 3, "urgent"});
   CHECK(queue.call_ids() == std::vector<std::string>{"urgent", "early-normal", "late-normal"});
   REQUIRE(queue.front() != nullptr);
   CHECK(queue.front()->call_id == "urgent");
}

TEST_CASE("calls arriving in the same millisecond keep their arrival order", "[engine][queue]") {
   CallQueue queue;
   queue.insert({5, 100, 8, "second"});
   queue.insert({5, 100, 7, "first"});
   CHECK(queue.call_ids() == std::vector<std::string>{"first", "second"});
}

TEST_CASE("a call taken out and put back with its place stands where it stood", "[engine][queue]") {
   CallQueue queue;
   const QueuePlace first{5, 10, 1, "a"};
   queue.insert(first);
   queue.insert({5, 20, 2, "b"});
   REQUIRE(queue.erase(first));
   queue.insert({5, 30, 3, "c"});
   queue.insert(first);
   CHECK(queue.call_ids() == std::vector<std::string>{"a", "b", "c"});
}

TEST_CASE("erasing a call that is not queued changes nothing", "[engine][queue]") {
   CallQueue queue;
   queue.insert({5, 10, 1, "a"});
   CHECK_FALSE(queue.erase({5, 10, 2, "ghost"}));
   CHECK(queue.size() == 1);
   CallQueue empty;
   CHECK(empty.front() == nullptr);
}
