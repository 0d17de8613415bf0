// SPDX-License-Identifier: GPL-3.0-or-later
#include "offer_check.h"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "sdp.h"

namespace portier::media {
namespace {

bool number(std::string_view text, int &out) {
   auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
   return ec == std::errc() && ptr == text.data() + text.size();
}

bool address_text(std::string_view address) {
   return !address.empty() && std::all_of(address.begin(), address.end(), [](char c) {
      auto u = static_cast<unsigned char>(c);
      return std::isalnum(u) || c == '.' || c == '-' || c == ':';
   });
}

}  // namespace

std::string offer_problem(std::string_view sdp) {
   if (sdp.size() > kMaxSdpBytes) return "SDP of " + std::to_string(sdp.size()) + " bytes is too long";
   auto parsed = parse_sdp(sdp);
   if (!parsed) return parsed.message();
   const SessionDescription &description = parsed.value();
   if (description.media.empty()) return "no m= line";
   for (std::size_t i = 0; i < description.media.size(); ++i) {
      const SdpMedia &m = description.media[i];
      std::string where = "m= line " + std::to_string(i + 1);
      if (m.port != 0 && m.address.empty()) return where + " has no c= address";
      if (!m.address.empty() && !address_text(m.address)) return where + ": c= address is not an address";
      for (const std::string &format : m.formats) {
         int payload = 0;
         if (!number(format, payload) || payload < 96) continue;
         bool mapped = std::any_of(m.rtpmaps.begin(), m.rtpmaps.end(),
                                   [&](const RtpMap &map) { return map.payload_type == payload; });
         if (!mapped) return where + ": dynamic payload type " + format + " has no readable a=rtpmap";
      }
   }
   return {};
}

}  // namespace portier::media
