// SPDX-License-Identifier: GPL-3.0-or-later
#include <ostream>

#include "cli/commands.h"

namespace portier::cli {

int run(const std::vector<std::string> &args, std::optional<std::string> env_socket,
        std::optional<std::string> env_config, std::ostream &out, std::ostream &err) {
   auto parsed = parse_arguments(args);
   if (auto *bad = std::get_if<UsageError>(&parsed)) {
      err << "portier: " << bad->message << "\n\n" << usage_text();
      return kExitUsage;
   }
   const auto &inv = std::get<Invocation>(parsed);
   if (inv.help) {
      out << usage_text();
      return kExitUsage;
   }
   const Context ctx{inv, SocketSources{inv.socket, std::move(env_socket), inv.config,
                                        std::move(env_config)},
                     out, err};
   if (inv.command == "status") return run_status(ctx);
   if (inv.command == "lamps") return run_lamps(ctx);
   if (inv.command == "check") return run_check(ctx);
   if (inv.command == "reload") return run_reload(ctx);
   if (inv.command == "engine") return run_engine(ctx);
   if (inv.command == "password-hash") return run_password_hash(ctx);
   return run_stop(ctx);
}

}  // namespace portier::cli
