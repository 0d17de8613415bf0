// SPDX-License-Identifier: GPL-3.0-or-later
// Numbers on the trunk are E.164 ("+4989700712xx"); the office may know its extensions by
// E.164 or by a short number below its prefix. These map one form onto the other.
#pragma once

#include <string>
#include <string_view>
#include <vector>


namespace portier::pbxsim {

// "tel:"/"sip:" leftovers and visual separators dropped; "0049..." is not rewritten.
std::string normalise_number(std::string_view number);

// The office extension a trunk number reaches: the number itself, or what follows the office
// prefix ("+49897007" + "201" -> "201" or "+49897007201", whichever the office has); "" when
// it reaches none of `extensions`.
std::string to_office_number(const std::vector<std::string> &extensions, std::string_view trunk_number,
                             std::string_view office_prefix);

// The E.164 form of an office number: unchanged when it starts with '+', else prefix + number.
std::string to_trunk_number(std::string_view office_number, std::string_view office_prefix);

}  // namespace portier::pbxsim
