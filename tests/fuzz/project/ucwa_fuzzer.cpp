// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzzes presence.skype's readers of what a UCWA server sends (plugins/presence-skype/src/logic):
// the multipart batch answer, the event channel's answer, the MsRtcOAuth challenge, the
// presence body and the address in a people href. The first byte picks the reader.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "broken_promise.h"
#include "ucwa_batch.h"
#include "ucwa_events.h"
#include "ucwa_links.h"
#include "ucwa_presence.h"

using portier::fuzz::require;
namespace skype = portier::skype;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
   if (size == 0) return 0;
   const std::string_view input(reinterpret_cast<const char *>(data) + 1, size - 1);
   switch (data[0] % 5) {
   case 0: {
      // the boundary is the input's first line, the rest the body
      const std::size_t eol = input.find('\n');
      const std::string_view boundary = input.substr(0, eol == std::string_view::npos ? 0 : eol);
      const std::string_view body = eol == std::string_view::npos ? input : input.substr(eol + 1);
      const auto parts = skype::parse_batch_answer("multipart/batching; boundary=" + std::string(boundary), body);
      if (parts.ok()) {
         require(parts.value().size() <= skype::kMaxBatchParts, "at most kMaxBatchParts parts");
         for (const auto &part : parts.value()) {
            require(part.status >= 0 && part.status <= 999, "a part's status has three digits");
            require(part.body.size() <= body.size(), "a part's body is a piece of the answer");
         }
      }
      break;
   }
   case 1: {
      const auto events = skype::parse_events(input);
      if (events.ok()) {
         require(events.value().presence_hrefs.size() <= skype::kMaxEventsPerAnswer, "events are bounded");
         for (const std::string &href : events.value().presence_hrefs) {
            const std::string address = skype::address_from_href(href);
            require(address.find('/') == std::string::npos, "an address is one path segment");
         }
      }
      break;
   }
   case 2: {
      const auto challenge = skype::parse_oauth_challenge(input);
      if (challenge.ok()) require(!challenge.value().token_url.empty(), "an accepted challenge names its token URL");
      break;
   }
   case 3: {
      const auto presence = skype::parse_presence(input);
      if (presence.ok()) {
         const auto mapped = skype::map_presence(presence.value());
         require(mapped.availability >= 0 && mapped.availability <= 5, "availability is a PORTIER_AVAILABILITY_*");
         require(mapped.activity >= 0 && mapped.activity <= 9, "activity is a PORTIER_ACTIVITY_*");
      }
      break;
   }
   default: {
      const std::string address = skype::address_from_href(input);
      require(address.size() <= input.size(), "an address is never longer than its href");
      require(address.rfind("sip:", 0) != 0, "an address has no sip: prefix");
      (void)skype::resolve_href("https://pool.example.org/ucwa/oauth/v1/applications", input);
      break;
   }
   }
   return 0;
}
