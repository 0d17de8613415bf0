// SPDX-License-Identifier: GPL-3.0-or-later
// The command line of `portier`, parsed into plain data.
#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace portier::cli {

struct Invocation {
   std::optional<std::string> socket;   // --socket PATH
   std::optional<std::string> config;   // --config FILE
   bool help = false;                   // -h / --help
   std::string command;                 // status | lamps | check | reload | stop | engine | password-hash
   bool json = false;                   // status --json, lamps --json
   std::vector<std::string> operands;   // check FILE, engine JSON
   std::optional<std::string> events;   // engine --events N
   std::optional<std::string> after;    // engine --events N --after SEQ
   std::optional<std::string> ops;      // password-hash --ops N
   std::optional<std::string> mem_kib;  // password-hash --mem-kib N
};

struct UsageError {
   std::string message;
};

// `args` excludes argv[0]. Global options may stand before or after the command.
std::variant<Invocation, UsageError> parse_arguments(const std::vector<std::string> &args);

std::string usage_text();

}  // namespace portier::cli
