// SPDX-License-Identifier: GPL-3.0-or-later
#include "extensions.h"

#include <unordered_set>

namespace portier::osv {
namespace {

constexpr std::string_view kSubscriberPrefix = "CS_";
constexpr std::size_t kMaxE164Digits = 15;  // ITU-T E.164
constexpr std::size_t kMaxNumber = 31;      // PORTIER_NUMBER_SIZE less the NUL

std::string_view trim_field(std::string_view s) {
   while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
   while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
   return s;
}

std::string value_of(const Mp2Record &r, std::string_view name) {
   const Mp2Param *p = r.find(name);
   return p == nullptr ? std::string() : std::string(trim_field(p->value));
}

}  // namespace

NameParts split_display_name(std::string_view display) {
   const std::size_t comma = display.find(',');
   if (comma == std::string_view::npos) return {};
   return NameParts{std::string(trim_field(display.substr(comma + 1))), std::string(trim_field(display.substr(0, comma)))};
}

std::string e164_from_dn(std::string_view dn) {
   if (!dn.empty() && dn.front() == '+') dn.remove_prefix(1);
   if (dn.size() < kMinE164Digits || dn.size() > kMaxE164Digits || dn.front() == '0') return {};
   for (char c : dn) {
      if (c < '0' || c > '9') return {};
   }
   return "+" + std::string(dn);
}

ExtensionList extensions_from(const Mp2File &file) {
   ExtensionList out;
   std::unordered_set<std::string> seen;
   for (const Mp2Record &r : file.records) {
      if (r.keyword.substr(0, kSubscriberPrefix.size()) != kSubscriberPrefix) continue;
      Extension e;
      e.number = value_of(r, "SUBSCRIBERDN");
      if (e.number.empty() || e.number.size() > kMaxNumber || !seen.insert(e.number).second) {
         ++out.skipped;
         continue;
      }
      e.e164 = e164_from_dn(e.number);
      e.display_name = value_of(r, "DISPLAYNAME");
      if (e.display_name.empty()) e.display_name = value_of(r, "BGLINENAME");
      NameParts parts = split_display_name(e.display_name);
      e.first_name = std::move(parts.first);
      e.last_name = std::move(parts.last);
      out.extensions.push_back(std::move(e));
   }
   return out;
}

}  // namespace portier::osv
