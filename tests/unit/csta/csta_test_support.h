// SPDX-License-Identifier: GPL-3.0-or-later
// Fixture loading and message access shared by the lib-csta tests.
#pragma once

#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>
#include <string>
#include <variant>

#include "portier/csta/parser.h"

namespace portier::csta::test {

inline std::string fixture(const std::string &name) {
   std::ifstream in(std::string(PORTIER_CSTA_FIXTURES) + "/" + name, std::ios::binary);
   REQUIRE(in.good());
   return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Parses `xml` and requires a message of type T.
template <typename T>
T parse_as(std::string_view xml) {
   auto result = parse_message(xml);
   INFO(result.error.to_string());
   REQUIRE(result);
   const T *message = std::get_if<T>(&*result.message);
   REQUIRE(message != nullptr);
   return *message;
}

}  // namespace portier::csta::test
