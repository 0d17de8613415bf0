// SPDX-License-Identifier: GPL-3.0-or-later
#include "sip/number_forms.h"

#include <algorithm>

namespace portier::pbxsim {

std::string normalise_number(std::string_view number) {
   constexpr std::size_t kMaxNumber = 64;
   std::string out;
   for (char c : number.substr(0, kMaxNumber))
      if ((c >= '0' && c <= '9') || (c == '+' && out.empty()) || c == '*' || c == '#') out += c;
   return out;
}

std::string to_office_number(const std::vector<std::string> &extensions, std::string_view trunk_number,
                             std::string_view office_prefix) {
   const std::string number = normalise_number(trunk_number);
   if (number.empty()) return {};
   auto known = [&](const std::string &n) { return std::find(extensions.begin(), extensions.end(), n) != extensions.end(); };
   if (known(number)) return number;
   if (!office_prefix.empty() && number.starts_with(office_prefix)) {
      std::string short_number = number.substr(office_prefix.size());
      if (known(short_number)) return short_number;
   }
   // A short number dialled on the trunk reaches the same extension as its E.164 form.
   if (!number.starts_with('+')) {
      std::string full = std::string(office_prefix) + number;
      if (known(full)) return full;
   }
   return {};
}

std::string to_trunk_number(std::string_view office_number, std::string_view office_prefix) {
   if (office_number.starts_with('+')) return std::string(office_number);
   return std::string(office_prefix) + std::string(office_number);
}

}  // namespace portier::pbxsim
