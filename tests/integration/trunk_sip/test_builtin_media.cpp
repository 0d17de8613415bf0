// SPDX-License-Identifier: GPL-3.0-or-later
// The media trunk.sip has without files: ringback, busy tone, and music on hold.
#include <catch2/catch.hpp>

#include <cstdlib>

#include "builtin_media.h"

namespace {

// The loudest sample in [from, to) frames of 20 ms.
int loudest(const portier::media::Clip &clip, std::size_t from, std::size_t to) {
   int peak = 0;
   for (std::size_t i = from * portier::media::kFrameSamples; i < to * portier::media::kFrameSamples && i < clip.samples.size(); ++i)
      peak = std::max(peak, std::abs(static_cast<int>(clip.samples[i])));
   return peak;
}

}  // namespace

TEST_CASE("without media files the trunk still has music on hold, a busy tone and its ringback") {
   using namespace portier::trunk;
   const auto moh = default_music_clip();
   CHECK(moh.frames() == 240);  // 4.8 s, looped by the engine
   CHECK(loudest(moh, 0, 240) > 3000);
   CHECK(loudest(moh, 0, 240) < 8000);  // quiet enough to talk over
   CHECK(loudest(moh, 0, 1) < loudest(moh, 10, 20));  // notes fade in: no click at the loop point

   const auto busy = busy_tone_clip();
   CHECK(busy.frames() == 192);  // four times 480 ms on, 480 ms off, played once
   CHECK(loudest(busy, 2, 22) > 7000);   // inside the first tone
   CHECK(loudest(busy, 25, 46) == 0);    // the first pause

   const auto ring = ringback_clip();
   CHECK(ring.frames() == 250);  // 1 s on, 4 s off
   CHECK(loudest(ring, 0, 50) > 7000);
   CHECK(loudest(ring, 50, 250) == 0);
}
