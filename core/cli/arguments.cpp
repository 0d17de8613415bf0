// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/arguments.h"

#include "cli/engine_forwarding.h"

#include <string_view>

namespace portier::cli {
namespace {

// Accepts "--name VALUE" and "--name=VALUE"; `i` moves past what was consumed.
bool take_value(const std::vector<std::string> &args, std::size_t &i, std::string_view name,
                std::optional<std::string> &into, std::optional<UsageError> &error) {
   const std::string_view arg = args[i];
   if (arg == name) {
      if (i + 1 >= args.size()) {
         error = UsageError{std::string(name) + " needs a value"};
         return true;
      }
      into = args[++i];
      return true;
   }
   if (arg.size() > name.size() && arg.substr(0, name.size()) == name &&
       arg[name.size()] == '=') {
      into = std::string(arg.substr(name.size() + 1));
      return true;
   }
   return false;
}

std::optional<UsageError> check_shape(const Invocation &inv) {
   if (inv.command.empty()) return UsageError{"no command given"};
   if (inv.json && inv.command != "status" && inv.command != "lamps") {
      return UsageError{"--json applies only to status and lamps"};
   }
   if ((inv.events || inv.after) && inv.command != "engine") {
      return UsageError{"--events and --after apply only to engine"};
   }
   if ((inv.ops || inv.mem_kib) && inv.command != "password-hash") {
      return UsageError{"--ops and --mem-kib apply only to password-hash"};
   }
   if (inv.command == "engine") {
      if (inv.after && !inv.events) return UsageError{"--after needs --events"};
      if (inv.events && !inv.operands.empty()) return UsageError{"engine takes a JSON command or --events, not both"};
      // forward / unforward check their own operands (engine_forwarding.h).
      if (!inv.events && !inv.operands.empty() && is_forwarding_verb(inv.operands.front())) return std::nullopt;
      if (!inv.events && inv.operands.size() != 1) return UsageError{"engine needs exactly one JSON command, or --events N"};
      return std::nullopt;
   }
   if (inv.command == "check") {
      if (inv.operands.size() != 1) return UsageError{"check needs exactly one FILE"};
      return std::nullopt;
   }
   if (inv.command != "status" && inv.command != "lamps" && inv.command != "reload" && inv.command != "stop" &&
       inv.command != "password-hash") {
      return UsageError{"unknown command '" + inv.command + "'"};
   }
   if (!inv.operands.empty()) {
      return UsageError{inv.command + " takes no argument ('" + inv.operands.front() + "')"};
   }
   return std::nullopt;
}

}  // namespace

std::string usage_text() {
   return "usage: portier [--socket PATH] [--config FILE] <command>\n"
          "\n"
          "commands:\n"
          "  status [--json]   show each plugin's state as portierd sees it\n"
          "  lamps [--json]    show the busy lamps: each monitored device's last state\n"
          "  check FILE        validate a configuration file without starting anything\n"
          "  reload            make portierd re-read and apply its configuration file\n"
          "  stop              make portierd shut down\n"
          "  engine JSON       send one engine command (docs/sdk/client-api.md) and print the\n"
          "                    engine's answer, e.g. '{\"type\":\"snapshot\"}'; exit 1 when\n"
          "                    the answer is not ok\n"
          "  engine forward TENANT CONTACT-ID DESTINATION [KIND]\n"
          "  engine unforward TENANT CONTACT-ID [KIND]\n"
          "                    set or clear an office user's forwarding at the PBX, as the\n"
          "                    console does (KIND: unconditional (default), busy,\n"
          "                    no_answer); waits for the PBX's answer and prints it\n"
          "  engine --events N [--after SEQ]\n"
          "                    print the last N engine events (with seq > SEQ), one JSON\n"
          "                    object per line, each with its \"seq\"\n"
          "  password-hash [--ops N --mem-kib N]\n"
          "                    read a password from stdin (not echoed on a terminal) and\n"
          "                    print its argon2id hash for an account's password in the\n"
          "                    configuration; the cost defaults to libsodium's interactive\n"
          "                    limits (--ops 2 --mem-kib 65536)\n"
          "\n"
          "options:\n"
          "  --socket PATH     control socket (default: $PORTIER_SOCKET, else\n"
          "                    system.control_socket of the configuration file)\n"
          "  --config FILE     configuration file (default: $PORTIER_CONFIG, else\n"
          "                    ./config/portier.yaml)\n"
          "  -h, --help        show this text\n"
          "\n"
          "exit status: 0 success, 1 failure, 2 usage error or unreadable file\n";
}

std::variant<Invocation, UsageError> parse_arguments(const std::vector<std::string> &args) {
   Invocation inv;
   std::optional<UsageError> error;
   bool options_done = false;
   for (std::size_t i = 0; i < args.size() && !error; ++i) {
      const std::string &arg = args[i];
      if (!options_done && arg == "--") {
         options_done = true;
      } else if (!options_done && (arg == "-h" || arg == "--help")) {
         inv.help = true;
      } else if (!options_done && arg == "--json") {
         inv.json = true;
      } else if (!options_done && (take_value(args, i, "--socket", inv.socket, error) ||
                                   take_value(args, i, "--config", inv.config, error) ||
                                   take_value(args, i, "--events", inv.events, error) ||
                                   take_value(args, i, "--after", inv.after, error) ||
                                   take_value(args, i, "--ops", inv.ops, error) ||
                                   take_value(args, i, "--mem-kib", inv.mem_kib, error))) {
         // consumed
      } else if (!options_done && arg.size() > 1 && arg[0] == '-') {
         error = UsageError{"unknown option '" + arg + "'"};
      } else if (inv.command.empty()) {
         inv.command = arg;
      } else {
         inv.operands.push_back(arg);
      }
   }
   if (error) return *error;
   if (inv.help) return inv;
   if (auto bad = check_shape(inv)) return *bad;
   return inv;
}

}  // namespace portier::cli
