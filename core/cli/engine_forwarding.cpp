// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/engine_forwarding.h"

#include <charconv>
#include <cstdint>

namespace portier::cli {

namespace {

constexpr std::string_view kForwardUsage = "engine forward needs TENANT CONTACT-ID DESTINATION [KIND]";
constexpr std::string_view kUnforwardUsage = "engine unforward needs TENANT CONTACT-ID [KIND]";

}  // namespace

bool is_forwarding_verb(std::string_view verb) { return verb == "forward" || verb == "unforward"; }

std::variant<nlohmann::json, std::string> forwarding_command(const std::vector<std::string> &operands) {
   const bool on = !operands.empty() && operands.front() == "forward";
   const std::size_t fixed = on ? 4 : 3;  // the verb, tenant, contact id, and a destination to set
   if (operands.size() != fixed && operands.size() != fixed + 1)
      return std::string(on ? kForwardUsage : kUnforwardUsage);
   const std::string &id_text = operands[2];
   std::int64_t id = 0;
   const auto [end, ec] = std::from_chars(id_text.data(), id_text.data() + id_text.size(), id);
   if (ec != std::errc() || end != id_text.data() + id_text.size() || id < 1)
      return "engine " + operands.front() + ": CONTACT-ID must be a contact id (a positive integer), not '" +
             id_text + "'";
   nlohmann::json command{{"type", on ? "set_forwarding" : "clear_forwarding"},
                          {"tenant", operands[1]},
                          {"contact_id", id},
                          {"kind", operands.size() > fixed ? operands[fixed] : std::string("unconditional")}};
   if (on) command["destination"] = operands[3];
   return command;
}

}  // namespace portier::cli
