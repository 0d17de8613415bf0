// SPDX-License-Identifier: GPL-3.0-or-later
#include "numbers/to_e164.h"

#include <initializer_list>
#include <optional>
#include <vector>

#include "numbers/e164.h"
#include "numbers/number_text.h"
#include "numbers/vnr.h"

namespace portier::numbers {

namespace {

constexpr std::string_view kDefaultInternationalPrefix = "00";

bool starts_with(std::string_view text, std::string_view prefix) {
   return !prefix.empty() && text.starts_with(prefix);
}

NumberError at_digit(const NumberText &number, std::size_t index, std::string what) {
   return {std::move(what), index < number.positions.size() ? number.positions[index] : number.end};
}

// `head` (digits the plan supplies) followed by the digits of `number` from index `from`.
NumberResult<std::string> joined(const NumberText &number, const std::string &head, std::size_t from,
                                 const std::string &prefix_name) {
   if (from >= number.digits.size())
      return NumberError{"only the " + prefix_name + ": the number after it is missing", number.end};
   if (head.empty() && number.digits[from] == '0')
      return at_digit(number, from, "a country code cannot start with 0");
   const std::size_t total = head.size() + number.digits.size() - from;
   if (total > kMaxE164Digits) {
      const std::size_t first_extra = from + (kMaxE164Digits > head.size() ? kMaxE164Digits - head.size() : 0);
      return at_digit(number, first_extra,
                      "more than " + std::to_string(kMaxE164Digits) + " digits (E.164 allows at most " +
                          std::to_string(kMaxE164Digits) + ")");
   }
   if (total < kMinE164Digits) return at_digit(number, from, "too short for an E.164 number");
   return "+" + head + number.digits.substr(from);
}

NumberResult<std::string> international(const NumberPlan &plan, const NumberText &number, std::size_t from,
                                        const std::string &prefix_name) {
   NumberText cleaned = without_bracketed(number, "0", from);
   if (plan.trunk_code != "0") cleaned = without_bracketed(cleaned, plan.trunk_code, from);
   return joined(cleaned, "", from, prefix_name);
}

NumberResult<std::string> from_extension(const NumberPlan &plan, const NumberText &number) {
   for (const LocalTrunk &trunk : plan.trunks) {
      if (trunk_reaches(trunk, number.digits))
         return joined(number, plan.country_code + plan.area_code + trunk.code, 0, "extension");
   }
   if (plan.trunks.empty())
      return at_digit(number, 0, "'" + number.digits +
                                     "' is an extension, but the site has no local trunk to give it an E.164 number");
   return at_digit(number, 0, "extension '" + number.digits + "' is in no local trunk's range");
}

std::string code_name(std::string_view name, std::string_view code) {
   return std::string(name) + " '" + std::string(code) + "'";
}

NumberResult<std::string> written(const NumberPlan &plan, const NumberText &number) {
   const std::string &digits = number.digits;
   if (is_extension_form(plan, digits)) return from_extension(plan, number);
   // People write "00" for abroad even where the PBX's international code differs (US "011").
   const std::string_view site_intl = plan.access_codes.international;
   for (const std::string_view intl : {site_intl, kDefaultInternationalPrefix}) {
      if (starts_with(digits, intl))
         return international(plan, number, intl.size(), code_name("international prefix", intl));
   }
   if (starts_with(digits, plan.trunk_code))
      return joined(number, plan.country_code, plan.trunk_code.size(), code_name("trunk code", plan.trunk_code));
   return joined(number, plan.country_code + plan.area_code, 0, "local number");
}

enum class Reach { international, national, local };

struct AccessRoute {
   std::string code;
   Reach reach;
   std::string name;
};

// The longest access-code sequence at the start of `digits`; ties go to the earlier route.
std::optional<AccessRoute> access_route(const engine::AccessCodes &codes, std::string_view digits) {
   const std::string &pub = codes.public_code;
   const std::string pub_name = pub.empty() ? "" : "public and ";
   std::vector<AccessRoute> routes;
   if (!codes.international.empty())
      routes.push_back({pub + codes.international, Reach::international, pub_name + "international access code"});
   if (!codes.national.empty())
      routes.push_back({pub + codes.national, Reach::national, pub_name + "national access code"});
   if (!codes.local.empty()) routes.push_back({codes.local, Reach::local, "local access code"});
   if (!pub.empty()) routes.push_back({pub, Reach::local, "public access code"});
   std::optional<AccessRoute> best;
   for (AccessRoute &route : routes) {
      if (starts_with(digits, route.code) && (!best || route.code.size() > best->code.size())) best = std::move(route);
   }
   return best;
}

std::optional<NumberResult<std::string>> from_vnr_node(const NumberPlan &plan, const NumberText &number) {
   const VnrNode *node = vnr_node_of(plan.vnr_nodes, number.digits);
   if (!node) return std::nullopt;
   return joined(number, node->e164_prefix.substr(1), node->code.size(), "VNR node code");
}

NumberResult<std::string> dialled(const NumberPlan &plan, const NumberText &number) {
   if (is_extension_form(plan, number.digits)) return from_extension(plan, number);
   if (auto node = from_vnr_node(plan, number)) return std::move(*node);
   const auto route = access_route(plan.access_codes, number.digits);
   // Without an access code the PBX reports a number as it is written ("089 70070").
   if (!route) return written(plan, number);
   const std::string name = code_name(route->name, route->code);
   switch (route->reach) {
   case Reach::international:
      return international(plan, number, route->code.size(), name);
   case Reach::national:
      return joined(number, plan.country_code, route->code.size(), name);
   case Reach::local:
      break;
   }
   return joined(number, plan.country_code + plan.area_code, route->code.size(), name);
}

}  // namespace

NumberResult<std::string> to_e164(const NumberPlan &plan, std::string_view text, Form form) {
   auto read = read_number_text(text);
   if (!read) return read.error();
   const NumberText &number = *read;
   if (number.plus) return international(plan, number, 0, "'+'");
   if (plan.country_code.empty()) return NumberError{"the site's number plan has no country code", 0};
   return form == Form::dial ? dialled(plan, number) : written(plan, number);
}

}  // namespace portier::numbers
