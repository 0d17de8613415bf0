// SPDX-License-Identifier: GPL-3.0-or-later
#include "sip/digest_check.h"

#include <algorithm>
#include <cctype>

#include "digest.h"

namespace portier::pbxsim {
namespace {

constexpr std::size_t kMaxAuthorization = 4096;
constexpr std::size_t kMaxParams = 32;

bool space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string lower_digest_part(std::string_view text) {
   std::string out(text);
   std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
   return out;
}

}  // namespace

std::optional<std::map<std::string, std::string>> parse_authorization(std::string_view value) {
   if (value.size() > kMaxAuthorization) return std::nullopt;
   while (!value.empty() && space(value.front())) value.remove_prefix(1);
   if (lower_digest_part(value.substr(0, 6)) != "digest" || value.size() < 7 || !space(value[6])) return std::nullopt;
   value.remove_prefix(7);
   std::map<std::string, std::string> params;
   std::size_t i = 0;
   while (i < value.size() && params.size() < kMaxParams) {
      while (i < value.size() && (space(value[i]) || value[i] == ',')) ++i;
      const std::size_t name_start = i;
      while (i < value.size() && value[i] != '=' && !space(value[i]) && value[i] != ',') ++i;
      std::string name = lower_digest_part(value.substr(name_start, i - name_start));
      while (i < value.size() && space(value[i])) ++i;
      if (i >= value.size() || value[i] != '=') {
         if (name.empty()) break;
         return std::nullopt;
      }
      ++i;
      while (i < value.size() && space(value[i])) ++i;
      std::string text;
      if (i < value.size() && value[i] == '"') {
         ++i;
         while (i < value.size() && value[i] != '"') {
            if (value[i] == '\\' && i + 1 < value.size()) ++i;
            text += value[i++];
         }
         if (i >= value.size()) return std::nullopt;  // unterminated quote
         ++i;
      } else {
         const std::size_t start = i;
         while (i < value.size() && value[i] != ',' && !space(value[i])) ++i;
         text = std::string(value.substr(start, i - start));
      }
      params[name] = text;
   }
   return params;
}

bool digest_matches(const std::map<std::string, std::string> &params, std::string_view method,
                    std::string_view user, std::string_view password) {
   auto get = [&](const char *name) -> std::string {
      auto found = params.find(name);
      return found == params.end() ? std::string() : found->second;
   };
   const std::string algorithm = lower_digest_part(get("algorithm"));
   if (!algorithm.empty() && algorithm != "md5") return false;
   if (get("username") != user) return false;
   const std::string ha1 = sip::md5_hex(std::string(user) + ":" + get("realm") + ":" + std::string(password));
   const std::string ha2 = sip::md5_hex(std::string(method) + ":" + get("uri"));
   const std::string qop = get("qop");
   std::string expected;
   if (qop.empty())
      expected = sip::md5_hex(ha1 + ":" + get("nonce") + ":" + ha2);
   else if (qop == "auth")
      expected = sip::md5_hex(ha1 + ":" + get("nonce") + ":" + get("nc") + ":" + get("cnonce") + ":" + qop + ":" + ha2);
   else
      return false;
   return lower_digest_part(get("response")) == expected;
}

}  // namespace portier::pbxsim
