// SPDX-License-Identifier: GPL-3.0-or-later
#include "random_token.h"

#include <array>

#include <openssl/crypto.h>
#include <openssl/rand.h>

namespace portier::web {

std::string base64url(std::string_view bytes) {
   static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
   std::string out;
   out.reserve((bytes.size() * 4 + 2) / 3);
   std::size_t i = 0;
   for (; i + 3 <= bytes.size(); i += 3) {
      const unsigned v = (static_cast<unsigned char>(bytes[i]) << 16) | (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                         static_cast<unsigned char>(bytes[i + 2]);
      out += kAlphabet[(v >> 18) & 63];
      out += kAlphabet[(v >> 12) & 63];
      out += kAlphabet[(v >> 6) & 63];
      out += kAlphabet[v & 63];
   }
   const std::size_t rest = bytes.size() - i;
   if (rest > 0) {
      unsigned v = static_cast<unsigned char>(bytes[i]) << 16;
      if (rest == 2) v |= static_cast<unsigned char>(bytes[i + 1]) << 8;
      out += kAlphabet[(v >> 18) & 63];
      out += kAlphabet[(v >> 12) & 63];
      if (rest == 2) out += kAlphabet[(v >> 6) & 63];
   }
   return out;
}

std::optional<std::string> random_token() {
   std::array<unsigned char, 32> bytes{};
   if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) return std::nullopt;
   std::string token = base64url(std::string_view(reinterpret_cast<const char *>(bytes.data()), bytes.size()));
   OPENSSL_cleanse(bytes.data(), bytes.size());
   return token;
}

bool same_secret(std::string_view a, std::string_view b) {
   if (a.size() != b.size()) return false;
   return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace portier::web
