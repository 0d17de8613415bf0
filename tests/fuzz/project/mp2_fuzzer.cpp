// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzzes pbx.osv's subscriber export reader (plugins/pbx-osv/src/sync/mp2_parser.cpp and
// extensions.cpp): a file parses or fails with a message naming its line, and the extensions
// made from it carry valid UTF-8 whatever the file's encoding.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "broken_promise.h"
#include "extensions.h"
#include "mp2_parser.h"

using portier::fuzz::require;
using namespace portier::osv;

namespace {
bool valid_utf8(std::string_view s) {
   std::size_t i = 0;
   while (i < s.size()) {
      const auto c = static_cast<unsigned char>(s[i]);
      const std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
      if (n == 0 || i + n > s.size()) return false;
      for (std::size_t k = 1; k < n; ++k) {
         if ((static_cast<unsigned char>(s[i + k]) >> 6) != 0x2) return false;
      }
      i += n;
   }
   return true;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
   const std::string_view bytes(reinterpret_cast<const char *>(data), size);
   Mp2Limits limits;
   limits.max_line = 512;
   limits.max_records = 64;
   limits.max_params = 32;
   const auto file = parse_mp2(bytes, limits);
   if (!file.ok()) {
      require(file.message().rfind("MP2", 0) == 0, "an error names the MP2 file and line");
      return 0;
   }
   const auto list = extensions_from(file.value());
   for (const auto &e : list.extensions) {
      require(!e.number.empty(), "an extension has a number");
      require(valid_utf8(e.display_name) && valid_utf8(e.first_name) && valid_utf8(e.last_name),
              "names are UTF-8");
   }
   require(valid_utf8(to_utf8(bytes)), "to_utf8 yields UTF-8");
   return 0;
}
