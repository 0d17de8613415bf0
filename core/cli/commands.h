// SPDX-License-Identifier: GPL-3.0-or-later
// The `portier` commands; each returns the process exit status.
#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "cli/arguments.h"
#include "cli/socket_choice.h"

namespace portier::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailed = 1;
inline constexpr int kExitUsage = 2;

struct Context {
   const Invocation &invocation;
   SocketSources sources;
   std::ostream &out;
   std::ostream &err;
};

int run_status(const Context &ctx);
int run_lamps(const Context &ctx);
int run_check(const Context &ctx);
int run_reload(const Context &ctx);
int run_stop(const Context &ctx);
int run_engine(const Context &ctx);
// Reads the password from the terminal without echo, or the first line of stdin.
int run_password_hash(const Context &ctx);
// The same, reading `in` (no terminal); for tests.
int password_hash_from(const Invocation &inv, std::istream &in, std::ostream &out, std::ostream &err);

// The whole CLI, minus the process: `args` excludes argv[0]; `env_socket` and `env_config` are
// $PORTIER_SOCKET and $PORTIER_CONFIG.
int run(const std::vector<std::string> &args, std::optional<std::string> env_socket,
        std::optional<std::string> env_config, std::ostream &out, std::ostream &err);

}  // namespace portier::cli
