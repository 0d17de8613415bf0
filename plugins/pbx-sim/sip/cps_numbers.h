// SPDX-License-Identifier: GPL-3.0-or-later
// The numbers of the provider service (CPS) that the simulated PBX routes over the trunk: single
// E.164 numbers and ranges written as "+4989700712", "+498970071200..+498970071299" or
// "+498970071200..99" (the end's digits replace the start's last ones). Bounded: 15 digits.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace portier::pbxsim {

struct CpsRange {
   std::string first;  // E.164
   std::string last;   // as many digits as first, not below it
   bool contains(std::string_view number) const;
};

struct CpsParse {
   std::optional<CpsRange> range;
   std::string error;  // what is wrong with the text
};

CpsParse parse_cps_range(std::string_view text);

class CpsNumbers {
public:
   CpsNumbers() = default;
   // Every entry must parse; the first bad one is named in `error`.
   static std::optional<CpsNumbers> read(const std::vector<std::string> &entries, std::string &error);
   bool contains(std::string_view number) const;
   const std::vector<CpsRange> &ranges() const { return ranges_; }

private:
   std::vector<CpsRange> ranges_;
};

}  // namespace portier::pbxsim
