// SPDX-License-Identifier: GPL-3.0-or-later
#include "url_text.h"

namespace portier::http {

std::string percent_encode(std::string_view text) {
   static constexpr char kHex[] = "0123456789ABCDEF";
   std::string out;
   out.reserve(text.size());
   for (const char ch : text) {
      const auto c = static_cast<unsigned char>(ch);
      const bool keep = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                        c == '.' || c == '_' || c == '~';
      if (keep) {
         out.push_back(ch);
      } else {
         out.push_back('%');
         out.push_back(kHex[c >> 4]);
         out.push_back(kHex[c & 15]);
      }
   }
   return out;
}

std::string form_body(const std::vector<std::pair<std::string, std::string>> &fields) {
   std::string out;
   for (const auto &[name, value] : fields) {
      if (!out.empty()) out.push_back('&');
      out += percent_encode(name);
      out.push_back('=');
      out += percent_encode(value);
   }
   return out;
}

std::string loggable_url(std::string_view url) {
   std::string_view rest = url;
   std::string scheme;
   if (const auto p = rest.find("://"); p != std::string_view::npos) {
      scheme = std::string(rest.substr(0, p + 3));
      rest.remove_prefix(p + 3);
   }
   if (const auto cut = rest.find_first_of("?#"); cut != std::string_view::npos) rest = rest.substr(0, cut);
   // user info ends at the last '@' before the path
   const auto path = rest.find('/');
   const auto at = rest.substr(0, path).rfind('@');
   if (at != std::string_view::npos) rest.remove_prefix(at + 1);
   return scheme + std::string(rest);
}

}  // namespace portier::http
