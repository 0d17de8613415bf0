// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzzes client.web's Accept-Encoding reader (portier::web::accepts, choose_encoding), which
// picks the precompressed copy of a file to send.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "accept_encoding.h"
#include "broken_promise.h"

using portier::fuzz::require;
using portier::web::Encoding;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
   const std::string_view header(reinterpret_cast<const char *>(data), size);
   const bool br = portier::web::accepts(header, "br");
   const bool gzip = portier::web::accepts(header, "gzip");
   if (header.size() > 1024) require(!br && !gzip, "a header over 1024 bytes accepts nothing");

   // Coding names and q are case-insensitive: the upper-case header means the same.
   std::string upper(header);
   for (char &c : upper) {
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
   }
   require(portier::web::accepts(upper, "br") == br && portier::web::accepts(upper, "gzip") == gzip,
           "Accept-Encoding is read without regard to case");

   for (int copies = 0; copies < 4; ++copies) {
      const bool have_br = (copies & 1) != 0;
      const bool have_gzip = (copies & 2) != 0;
      const Encoding chosen = portier::web::choose_encoding(header, have_br, have_gzip);
      const Encoding expected = have_br && br ? Encoding::br : have_gzip && gzip ? Encoding::gzip : Encoding::identity;
      require(chosen == expected, "a copy is sent only when it exists and is accepted, brotli first");
   }
   return 0;
}
