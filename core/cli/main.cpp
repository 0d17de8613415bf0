// SPDX-License-Identifier: GPL-3.0-or-later
// portier: the administrator's command line for portierd (check, status, lamps, reload, stop, engine).
#include <cstdlib>
#include <iostream>

#include "cli/commands.h"

namespace {

std::optional<std::string> env(const char *name) {
   const char *value = std::getenv(name);
   return value ? std::optional<std::string>(value) : std::nullopt;
}

}  // namespace

int main(int argc, char **argv) {
   std::vector<std::string> args(argv + (argc > 0 ? 1 : 0), argv + argc);
   return portier::cli::run(args, env("PORTIER_SOCKET"), env("PORTIER_CONFIG"), std::cout,
                            std::cerr);
}
