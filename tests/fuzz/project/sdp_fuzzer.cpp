// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzzes lib-media's SDP offer/answer (plugins/lib-media/sdp.cpp) and the request path's offer
// check: a parse gives a description or an error naming a line; a negotiated offer's answer parses
// again with as many m= lines, and negotiating it finds the same codec.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "broken_promise.h"
#include "offer_check.h"
#include "sdp.h"

using portier::fuzz::require;
using namespace portier::media;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
   const std::string_view text(reinterpret_cast<const char *>(data), size);
   (void)portier::media::offer_problem(text);
   auto offer = parse_sdp(text);
   if (!offer) {
      require(!offer.message().empty(), "an SDP error says what is wrong");
      return 0;
   }
   require(offer.value().media.size() <= kMaxMediaLines, "at most kMaxMediaLines m= lines");
   for (const SdpMedia &m : offer.value().media) require(m.formats.size() <= kMaxFormats, "at most kMaxFormats formats");
   auto plan = negotiate(offer.value());
   if (!plan) {
      require(plan.detail() == kNotAcceptableHere, "a failed negotiation is 488");
      return 0;
   }
   require(plan.value().media_index < offer.value().media.size(), "the plan names an offered m= line");
   LocalMedia local{"127.0.0.1", 40000, 7, 1, 101};
   std::string answer_text = build_answer(offer.value(), plan.value(), local);
   auto answer = parse_sdp(answer_text);
   require(answer.ok(), "our answer parses");
   require(answer.value().media.size() == offer.value().media.size(), "the answer has one m= line per offered one");
   auto again = negotiate(answer.value());
   require(again.ok() && again.value().codec == plan.value().codec, "the answer negotiates to the same codec");
   return 0;
}
