// SPDX-License-Identifier: GPL-3.0-or-later
#include "digest.h"

#include <algorithm>
#include <cctype>
#include <cstdio>

#include <openssl/evp.h>

namespace portier::sip {
namespace {

constexpr std::size_t kMaxChallenge = 4096;

bool equal_nocase(std::string_view a, std::string_view b) {
   return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](unsigned char x, unsigned char y) {
             return std::tolower(x) == std::tolower(y);
          });
}

void skip_space(std::string_view text, std::size_t &pos) {
   while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\t' || text[pos] == '\r' || text[pos] == '\n')) ++pos;
}

}  // namespace

std::string md5_hex(std::string_view text) {
   unsigned char digest[EVP_MAX_MD_SIZE];
   unsigned int length = 0;
   EVP_Digest(text.data(), text.size(), digest, &length, EVP_md5(), nullptr);
   std::string out;
   char hex[3];
   for (unsigned int i = 0; i < length; ++i) {
      std::snprintf(hex, sizeof hex, "%02x", digest[i]);
      out += hex;
   }
   return out;
}

DigestParse parse_digest_challenge(std::string_view value) {
   if (value.size() > kMaxChallenge) return {std::nullopt, "challenge longer than 4096 bytes"};
   std::size_t pos = 0;
   skip_space(value, pos);
   if (value.size() - pos < 6 || !equal_nocase(value.substr(pos, 6), "Digest"))
      return {std::nullopt, "challenge scheme is not Digest"};
   pos += 6;
   DigestChallenge challenge;
   bool has_nonce = false;
   for (int guard = 0; guard < 64; ++guard) {
      skip_space(value, pos);
      if (pos >= value.size()) break;
      std::size_t eq = value.find('=', pos);
      if (eq == std::string_view::npos) return {std::nullopt, "parameter without '=' at byte " + std::to_string(pos)};
      std::string_view name = value.substr(pos, eq - pos);
      while (!name.empty() && (name.back() == ' ' || name.back() == '\t')) name.remove_suffix(1);
      pos = eq + 1;
      skip_space(value, pos);
      std::string param;
      if (pos < value.size() && value[pos] == '"') {
         ++pos;
         bool closed = false;
         while (pos < value.size()) {
            char c = value[pos++];
            if (c == '\\' && pos < value.size()) param += value[pos++];
            else if (c == '"') {
               closed = true;
               break;
            } else param += c;
         }
         if (!closed) return {std::nullopt, "unterminated quoted value of '" + std::string(name) + "'"};
      } else {
         std::size_t end = value.find(',', pos);
         if (end == std::string_view::npos) end = value.size();
         std::string_view token = value.substr(pos, end - pos);
         while (!token.empty() && (token.back() == ' ' || token.back() == '\t')) token.remove_suffix(1);
         param = std::string(token);
         pos = end;
      }
      if (equal_nocase(name, "realm")) challenge.realm = param;
      else if (equal_nocase(name, "nonce")) challenge.nonce = param, has_nonce = true;
      else if (equal_nocase(name, "opaque")) challenge.opaque = param;
      else if (equal_nocase(name, "algorithm")) challenge.algorithm = param;
      else if (equal_nocase(name, "stale")) challenge.stale = equal_nocase(param, "true");
      else if (equal_nocase(name, "qop")) {
         std::size_t start = 0;
         while (start <= param.size()) {
            std::size_t comma = param.find(',', start);
            if (comma == std::string::npos) comma = param.size();
            std::string item = param.substr(start, comma - start);
            item.erase(0, item.find_first_not_of(" \t"));
            item.erase(item.find_last_not_of(" \t") + 1);
            if (!item.empty()) challenge.qop.push_back(item);
            start = comma + 1;
         }
      }
      skip_space(value, pos);
      if (pos < value.size()) {
         if (value[pos] != ',') return {std::nullopt, "expected ',' at byte " + std::to_string(pos)};
         ++pos;
      }
   }
   if (!has_nonce) return {std::nullopt, "challenge has no nonce"};
   return {std::move(challenge), {}};
}

std::string digest_authorization(const DigestChallenge &challenge, const DigestAnswer &answer) {
   if (!equal_nocase(challenge.algorithm, "MD5")) return {};
   bool auth = std::any_of(challenge.qop.begin(), challenge.qop.end(), [](const std::string &q) { return equal_nocase(q, "auth"); });
   std::string ha1 = md5_hex(answer.username + ":" + challenge.realm + ":" + answer.password);
   std::string ha2 = md5_hex(answer.method + ":" + answer.uri);
   char nc[9];
   std::snprintf(nc, sizeof nc, "%08x", answer.nc);
   std::string response = auth ? md5_hex(ha1 + ":" + challenge.nonce + ":" + nc + ":" + answer.cnonce + ":auth:" + ha2)
                               : md5_hex(ha1 + ":" + challenge.nonce + ":" + ha2);
   std::string out = "Digest username=\"" + answer.username + "\", realm=\"" + challenge.realm + "\", nonce=\"" +
                     challenge.nonce + "\", uri=\"" + answer.uri + "\", response=\"" + response + "\", algorithm=MD5";
   if (!challenge.opaque.empty()) out += ", opaque=\"" + challenge.opaque + "\"";
   if (auth) out += ", qop=auth, nc=" + std::string(nc) + ", cnonce=\"" + answer.cnonce + "\"";
   return out;
}

}  // namespace portier::sip
