// SPDX-License-Identifier: GPL-3.0-or-later
// Reading the MP2 fixtures (tests/fixtures/mp2) for the sync tests.
#pragma once

#include <fstream>
#include <iterator>
#include <string>

#include <catch2/catch.hpp>

namespace mp2test {

inline std::string fixture(const std::string &name) {
   std::ifstream in(std::string(MP2_FIXTURES) + "/" + name, std::ios::binary);
   REQUIRE(in.good());
   return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace mp2test
