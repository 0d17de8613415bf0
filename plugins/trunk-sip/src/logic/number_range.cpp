// SPDX-License-Identifier: GPL-3.0-or-later
#include "number_range.h"

namespace portier::trunk {
namespace {

constexpr std::uint64_t kDigitsScale = 1000000000000000ULL;  // 10^15: above every 15-digit value

std::uint64_t digits_value(std::string_view digits) {
   std::uint64_t value = 0;
   for (const char c : digits) value = value * 10 + static_cast<std::uint64_t>(c - '0');
   return value;
}

}  // namespace

bool is_e164(std::string_view text) {
   if (text.size() < 1 + kMinE164Digits || text.size() > 1 + kMaxE164Digits || text.front() != '+') return false;
   for (const char c : text.substr(1)) {
      if (c < '0' || c > '9') return false;
   }
   return true;
}

std::uint64_t e164_key(std::string_view number) {
   if (!is_e164(number)) return 0;
   return static_cast<std::uint64_t>(number.size() - 1) * kDigitsScale + digits_value(number.substr(1));
}

std::uint64_t NumberRange::size() const { return e164_key(last) - e164_key(first) + 1; }

bool NumberRange::contains(std::string_view number) const {
   const std::uint64_t key = e164_key(number);
   return key != 0 && key >= e164_key(first) && key <= e164_key(last);
}

std::string NumberRange::text() const { return first == last ? first : first + ".." + last; }

Result<NumberRange> parse_number_range(std::string_view text) {
   const auto dots = text.find("..");
   const std::string_view first = text.substr(0, dots);
   if (!is_e164(first)) {
      return error(PORTIER_ERR_INVALID, "'" + std::string(first.substr(0, 40)) +
                                            "' is not an E.164 number ('+' then 2 to 15 digits)");
   }
   if (dots == std::string_view::npos) return NumberRange{std::string(first), std::string(first)};
   std::string_view end = text.substr(dots + 2);
   std::string last;
   if (!end.empty() && end.front() == '+') {
      last = std::string(end);
   } else if (!end.empty() && end.size() < first.size() && end.find_first_not_of("0123456789") == std::string_view::npos) {
      last = std::string(first.substr(0, first.size() - end.size())) + std::string(end);
   } else {
      return error(PORTIER_ERR_INVALID, "the end of '" + std::string(text.substr(0, 80)) +
                                            "' must be an E.164 number or the last digits of one");
   }
   if (!is_e164(last)) {
      return error(PORTIER_ERR_INVALID, "'" + last.substr(0, 40) + "' is not an E.164 number ('+' then 2 to 15 digits)");
   }
   if (last.size() != first.size()) {
      return error(PORTIER_ERR_INVALID, "'" + std::string(text) + "': both ends need the same number of digits");
   }
   if (e164_key(last) < e164_key(first)) {
      return error(PORTIER_ERR_INVALID, "'" + std::string(text) + "' ends before it starts");
   }
   return NumberRange{std::string(first), std::move(last)};
}

}  // namespace portier::trunk
