// SPDX-License-Identifier: MIT
// portier::Settings: typed access with defaults, ranges and precise messages.
#include <catch2/catch.hpp>

#include <string>

#include <portier/settings.hpp>

namespace {
// Reads the example plugin's two settings and returns finish()'s message ("" when OK).
std::string check_hello(std::string_view json) {
   portier::Settings s(json);
   s.get_string("greeting", "Hello", 1, 200);
   s.get_int("interval_ms", 60000, 100, 3600000);
   auto r = s.finish();
   return r.ok() ? "" : r.message();
}
}  // namespace

TEST_CASE("absent keys give the defaults") {
   portier::Settings s("{}");
   CHECK(s.get_string("greeting", "Hello", 1, 200) == "Hello");
   CHECK(s.get_int("interval_ms", 60000, 100, 3600000) == 60000);
   CHECK(s.get_bool("verbose", true));
   CHECK(s.finish().ok());
}

TEST_CASE("null counts as absent") {
   portier::Settings s(R"({"greeting": null})");
   CHECK(s.get_string("greeting", "Hello") == "Hello");
   CHECK_FALSE(s.has("greeting"));
   CHECK(s.finish().ok());
}

TEST_CASE("present values are returned typed") {
   portier::Settings s(R"({"greeting":"Hi \u00e9","interval_ms":100,"verbose":false,"offset":-5})");
   CHECK(s.get_string("greeting", "x", 1, 200) == "Hi \xC3\xA9");
   CHECK(s.get_int("interval_ms", 1, 100, 200) == 100);
   CHECK_FALSE(s.get_bool("verbose", true));
   CHECK(s.get_int("offset", 0, -10, 10) == -5);
   CHECK(s.finish().ok());
}

TEST_CASE("an integer out of range names the key, the value and the range") {
   CHECK(check_hello(R"({"interval_ms":5})") == "settings.interval_ms: 5 is out of range 100..3600000");
   CHECK(check_hello(R"({"interval_ms":3600001})") ==
         "settings.interval_ms: 3600001 is out of range 100..3600000");
   CHECK(check_hello(R"({"interval_ms":-1})") == "settings.interval_ms: -1 is out of range 100..3600000");
}

TEST_CASE("an integer beyond 64 bits is out of range, not wrapped") {
   CHECK(check_hello(R"({"interval_ms":18446744073709551716})") ==
         "settings.interval_ms: 18446744073709551716 is out of range 100..3600000");
   portier::Settings s(R"({"n":9223372036854775807,"m":-9223372036854775808})");
   CHECK(s.get_int("n", 0, INT64_MIN, INT64_MAX) == INT64_MAX);
   CHECK(s.get_int("m", 0, INT64_MIN, INT64_MAX) == INT64_MIN);
   CHECK(s.finish().ok());
}

TEST_CASE("a fraction or exponent is not an integer") {
   CHECK(check_hello(R"({"interval_ms":1000.5})") == "settings.interval_ms: expected an integer, got 1000.5");
   CHECK(check_hello(R"({"interval_ms":1e3})") == "settings.interval_ms: expected an integer, got 1e3");
}

TEST_CASE("a value of the wrong kind is named") {
   CHECK(check_hello(R"({"interval_ms":"1000"})") == "settings.interval_ms: expected an integer, got a string");
   CHECK(check_hello(R"({"greeting":42})") == "settings.greeting: expected a string, got a number");
   CHECK(check_hello(R"({"greeting":["a"]})") == "settings.greeting: expected a string, got an array");
   portier::Settings s(R"({"verbose":"yes"})");
   CHECK(s.get_bool("verbose", false) == false);
   CHECK(s.finish().message() == "settings.verbose: expected true or false, got a string");
}

TEST_CASE("string length is counted in characters and checked") {
   CHECK(check_hello(R"({"greeting":""})") == "settings.greeting: length 0 is out of range 1..200 characters");
   CHECK(check_hello("{\"greeting\":\"" + std::string(201, 'a') + "\"}") ==
         "settings.greeting: length 201 is out of range 1..200 characters");
   std::string two_hundred_euros;
   for (int i = 0; i < 200; ++i) two_hundred_euros += "\xE2\x82\xAC";  // 600 bytes, 200 characters
   CHECK(check_hello("{\"greeting\":\"" + two_hundred_euros + "\"}").empty());
}

TEST_CASE("a misspelled key is reported with the key it most likely meant, another with the keys expected") {
   CHECK(check_hello(R"({"greting":"Hi"})") == "settings: unknown key 'greting' (did you mean 'greeting'?)");
   CHECK(check_hello(R"({"Interval_MS":100})") == "settings: unknown key 'Interval_MS' (did you mean 'interval_ms'?)");
   CHECK(check_hello(R"({"colour":"red"})") == "settings: unknown key 'colour' (expected: greeting, interval_ms)");
   portier::Settings s(R"({"greting":"Hi","extra":1,"greeting":"ok"})");
   s.get_string("greeting", "x");
   CHECK(s.unknown_keys() == std::vector<std::string>{"greting", "extra"});
}

TEST_CASE("every problem is reported, joined by semicolons") {
   CHECK(check_hello(R"({"greeting":"","interval_ms":5,"x":1})") ==
         "settings.greeting: length 0 is out of range 1..200 characters; "
         "settings.interval_ms: 5 is out of range 100..3600000; "
         "settings: unknown key 'x' (expected: greeting, interval_ms)");
}

TEST_CASE("settings that are not an object are refused") {
   CHECK(check_hello("[]") == "settings: expected a JSON object, got an array");
   CHECK(check_hello("\"x\"") == "settings: expected a JSON object, got a string");
}

TEST_CASE("malformed settings report the JSON error and the getters return defaults") {
   portier::Settings s(R"({"interval_ms": 5,})");
   CHECK(s.get_int("interval_ms", 60000, 100, 3600000) == 60000);
   const auto r = s.finish();
   CHECK(r.status() == PORTIER_ERR_CONFIG);
   CHECK(r.message() == "settings: invalid JSON at offset 18: expected a key");
}

TEST_CASE("a plugin can add problems of its own") {
   portier::Settings s(R"({"min":5,"max":2})", "settings");
   const auto lo = s.get_int("min", 0, 0, 10);
   const auto hi = s.get_int("max", 0, 0, 10);
   if (lo > hi) s.problem("max", "must not be less than min (5)");
   CHECK(s.finish().message() == "settings.max: must not be less than min (5)");
}
