// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzzes client.web's Cookie header reader, portier::web::find_cookie, which finds the session
// id in what a browser (or anyone) sends.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "broken_promise.h"
#include "cookies.h"

using portier::fuzz::require;
using portier::web::find_cookie;
using portier::web::kSessionCookie;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
   const std::string_view header(reinterpret_cast<const char *>(data), size);
   for (const std::string_view name : {kSessionCookie, std::string_view("a")}) {
      const auto value = find_cookie(header, name);
      if (header.size() > portier::web::kMaxCookieHeaderChars) require(!value, "an oversized header yields nothing");
      if (!value) continue;
      require(value->size() < header.size(), "a value is a part of the header");
      require(value->find(';') == std::string::npos, "a value never spans a ';'");
      require(header.find(*value) != std::string_view::npos, "a value is taken from the header as written");
   }
   // The first pair of the name wins, whatever follows it.
   const std::string id = "Xy-_09abcdefghijklmnopqrstuvwxyzABCDEFGHIJK";
   const std::string planted = std::string(kSessionCookie) + "=" + id + "; " + std::string(header);
   if (planted.size() <= portier::web::kMaxCookieHeaderChars) {
      const auto first = find_cookie(planted, kSessionCookie);
      require(first && *first == id, "the first session cookie of a header is the one read");
   }
   return 0;
}
