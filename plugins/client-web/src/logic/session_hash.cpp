// SPDX-License-Identifier: GPL-3.0-or-later
#include "session_hash.h"

#include <openssl/sha.h>

namespace portier::web {

std::string session_id_hash(std::string_view id) {
   unsigned char digest[SHA256_DIGEST_LENGTH];
   if (SHA256(reinterpret_cast<const unsigned char *>(id.data()), id.size(), digest) == nullptr) return {};
   static constexpr char kHex[] = "0123456789abcdef";
   std::string out;
   out.reserve(2 * SHA256_DIGEST_LENGTH);
   for (const unsigned char b : digest) {
      out += kHex[b >> 4];
      out += kHex[b & 15];
   }
   return out;
}

}  // namespace portier::web
