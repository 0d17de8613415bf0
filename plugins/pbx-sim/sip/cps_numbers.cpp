// SPDX-License-Identifier: GPL-3.0-or-later
#include "sip/cps_numbers.h"

#include <algorithm>

namespace portier::pbxsim {
namespace {

constexpr std::size_t kMaxDigits = 15;

bool all_digits(std::string_view text) {
   return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool is_e164(std::string_view text) {
   return text.size() >= 3 && text.size() <= kMaxDigits + 1 && text[0] == '+' && all_digits(text.substr(1));
}

}  // namespace

bool CpsRange::contains(std::string_view number) const {
   // Equal lengths of digits compare as numbers when compared as text.
   return number.size() == first.size() && is_e164(number) && number >= first && number <= last;
}

CpsParse parse_cps_range(std::string_view text) {
   const auto dots = text.find("..");
   const std::string_view start = text.substr(0, dots);
   if (!is_e164(start)) return {std::nullopt, "\"" + std::string(start) + "\" is not an E.164 number (+ and 2 to 15 digits)"};
   if (dots == std::string_view::npos) return {CpsRange{std::string(start), std::string(start)}, {}};
   std::string_view end = text.substr(dots + 2);
   std::string last;
   if (!end.empty() && end[0] == '+') {
      if (!is_e164(end) || end.size() != start.size())
         return {std::nullopt, "the range's end \"" + std::string(end) + "\" must have as many digits as its start"};
      last = std::string(end);
   } else {
      if (!all_digits(end) || end.size() >= start.size())
         return {std::nullopt, "the range's end \"" + std::string(end) + "\" must be digits replacing the start's last ones"};
      last = std::string(start.substr(0, start.size() - end.size())) + std::string(end);
   }
   if (last < start) return {std::nullopt, "the range ends (" + last + ") below its start"};
   return {CpsRange{std::string(start), last}, {}};
}

std::optional<CpsNumbers> CpsNumbers::read(const std::vector<std::string> &entries, std::string &error) {
   CpsNumbers numbers;
   for (std::size_t i = 0; i < entries.size(); ++i) {
      CpsParse parsed = parse_cps_range(entries[i]);
      if (!parsed.range) {
         error = "cps_numbers[" + std::to_string(i) + "]: " + parsed.error;
         return std::nullopt;
      }
      numbers.ranges_.push_back(*parsed.range);
   }
   return numbers;
}

bool CpsNumbers::contains(std::string_view number) const {
   return std::any_of(ranges_.begin(), ranges_.end(), [&](const CpsRange &r) { return r.contains(number); });
}

}  // namespace portier::pbxsim
