// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>

#include "file_bytes.h"
#include "temp_dir.h"

using portier::csv::read_file_bytes;

TEST_CASE("a file is read whole when it fits the limit") {
   test::TempDir dir;
   const std::string path = dir.write("a.csv", "ID\n1\n");
   auto bytes = read_file_bytes(path, 5);
   REQUIRE(bytes.ok());
   CHECK(bytes.value() == "ID\n1\n");
}

TEST_CASE("a file over max_bytes is refused before reading") {
   test::TempDir dir;
   const std::string path = dir.write("a.csv", "ID\n1\n");
   auto bytes = read_file_bytes(path, 4);
   REQUIRE(!bytes.ok());
   CHECK(bytes.status() == PORTIER_ERR_INVALID);
   CHECK(bytes.message() == path + " is larger than max_bytes (4 bytes)");
}

TEST_CASE("a missing file is NOT_FOUND with the path and the reason") {
   test::TempDir dir;
   const std::string path = (dir.path() / "missing.csv").string();
   auto bytes = read_file_bytes(path, 100);
   REQUIRE(!bytes.ok());
   CHECK(bytes.status() == PORTIER_ERR_NOT_FOUND);
   CHECK(bytes.message() == "cannot open " + path + ": No such file or directory");
}

TEST_CASE("a folder is not a CSV file") {
   test::TempDir dir;
   auto bytes = read_file_bytes(dir.path().string(), 100);
   REQUIRE(!bytes.ok());
   CHECK(bytes.message() == dir.path().string() + " is not a regular file");
}
