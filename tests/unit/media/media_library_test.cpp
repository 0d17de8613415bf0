// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>

#include <filesystem>
#include <unistd.h>

#include "media_library.h"
#include "wav_writer.h"

using namespace portier::media;
using namespace portier::media::test;

TEST_CASE("a media id loaded again is replaced, and players keep the clip they hold") {
   const auto dir = std::filesystem::temp_directory_path() / ("portier-media-" + std::to_string(::getpid()));
   std::filesystem::create_directories(dir);
   const WavSpec spec{};
   write_file(dir / "one.wav", wav_bytes(spec, sine_data(spec, 440, 0.02, 0.5)));
   write_file(dir / "two.wav", wav_bytes(spec, sine_data(spec, 440, 0.04, 0.5)));
   write_file(dir / "bad.wav", {'n', 'o'});

   MediaLibrary lib;
   REQUIRE(lib.load("moh", dir / "one.wav"));
   const auto held = lib.find("moh");
   REQUIRE(held);
   CHECK(held->frames() == 1);
   REQUIRE(lib.load("moh", dir / "two.wav"));
   CHECK(lib.find("moh")->frames() == 2);
   CHECK(held->frames() == 1);
   CHECK(lib.size() == 1);

   const auto bad = lib.load("moh", dir / "bad.wav");
   REQUIRE_FALSE(bad);
   CHECK_THAT(bad.message(), Catch::Matchers::Contains("media 'moh'") && Catch::Matchers::Contains("bad.wav"));
   CHECK(lib.find("moh")->frames() == 2);  // a failed reload keeps the old clip
   CHECK(lib.find("nothing") == nullptr);
   CHECK(lib.remove("moh"));
   CHECK(lib.size() == 0);
   std::filesystem::remove_all(dir);
}
