// SPDX-License-Identifier: GPL-3.0-or-later
// `portier engine forward TENANT CONTACT-ID DESTINATION [KIND]` and
// `portier engine unforward TENANT CONTACT-ID [KIND]`: an office user's forwarding, turned into
// the kernel's set_forwarding / clear_forwarding command (docs/sdk/client-api.md, "Forwarding").
#pragma once

#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

namespace portier::cli {

// Whether `verb` (the first operand of `engine`) is forward or unforward.
bool is_forwarding_verb(std::string_view verb);

// The command for `operands` (verb first), or a usage message. KIND defaults to unconditional;
// the kernel checks the tenant, the kind and the destination and says what is wrong.
std::variant<nlohmann::json, std::string> forwarding_command(const std::vector<std::string> &operands);

}  // namespace portier::cli
