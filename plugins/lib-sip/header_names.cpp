// SPDX-License-Identifier: GPL-3.0-or-later
#include "header_names.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

namespace portier::sip {
namespace {

constexpr std::array<std::pair<char, std::string_view>, 20> kCompact{{
   {'a', "accept-contact"}, {'b', "referred-by"},     {'c', "content-type"},     {'d', "request-disposition"},
   {'e', "content-encoding"}, {'f', "from"},          {'i', "call-id"},          {'j', "reject-contact"},
   {'k', "supported"},      {'l', "content-length"},  {'m', "contact"},          {'n', "identity-info"},
   {'o', "event"},          {'r', "refer-to"},        {'s', "subject"},          {'t', "to"},
   {'u', "allow-events"},   {'v', "via"},             {'x', "session-expires"},  {'y', "identity"},
}};

// From libosip2 5.3's table of headers it parses into typed fields (osip_message_parse.c).
constexpr std::array<std::string_view, 25> kOsipTyped{
   "accept", "accept-encoding", "accept-language", "alert-info", "allow", "authentication-info",
   "authorization", "call-id", "call-info", "contact", "content-encoding", "content-length",
   "content-type", "cseq", "error-info", "from", "mime-version", "proxy-authenticate",
   "proxy-authentication-info", "proxy-authorization", "record-route", "route", "to", "via",
   "www-authenticate"};

}  // namespace

std::string canonical_header_name(std::string_view name) {
   std::string lower(name);
   std::transform(lower.begin(), lower.end(), lower.begin(),
                  [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
   if (lower.size() == 1) {
      for (const auto &[letter, full] : kCompact)
         if (letter == lower[0]) return std::string(full);
   }
   return lower;
}

bool same_header_name(std::string_view a, std::string_view b) {
   if (a.size() == b.size() &&
       std::equal(a.begin(), a.end(), b.begin(), [](unsigned char x, unsigned char y) {
          return std::tolower(x) == std::tolower(y);
       }))
      return true;
   if (a.size() != 1 && b.size() != 1) return false;
   return canonical_header_name(a) == canonical_header_name(b);
}

bool osip_stores_apart(std::string_view name) {
   std::string canonical = canonical_header_name(name);
   return std::find(kOsipTyped.begin(), kOsipTyped.end(), canonical) != kOsipTyped.end();
}

}  // namespace portier::sip

namespace portier::sip {

std::optional<std::string_view> header_in_text(std::string_view headers, std::string_view name) {
   std::size_t pos = 0;
   while (pos < headers.size()) {
      std::size_t end = headers.find('\n', pos);
      if (end == std::string_view::npos) end = headers.size();
      std::string_view line = headers.substr(pos, end - pos);
      pos = end + 1;
      std::size_t colon = line.find(':');
      if (colon == std::string_view::npos) continue;
      std::string_view found = line.substr(0, colon);
      while (!found.empty() && (found.back() == ' ' || found.back() == '\t')) found.remove_suffix(1);
      if (found.empty() || found.front() == ' ' || found.front() == '\t' || !same_header_name(found, name)) continue;
      std::string_view value = line.substr(colon + 1);
      while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
      while (!value.empty() && (value.back() == ' ' || value.back() == '\t' || value.back() == '\r'))
         value.remove_suffix(1);
      return value;
   }
   return std::nullopt;
}

}  // namespace portier::sip
