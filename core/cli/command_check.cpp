// SPDX-License-Identifier: GPL-3.0-or-later
#include <cerrno>
#include <cstring>
#include <exception>
#include <fstream>
#include <ostream>

#include "cli/commands.h"
#include "kernel/check.h"

namespace portier::cli {

int run_check(const Context &ctx) {
   const std::filesystem::path file = ctx.invocation.operands.front();
   // Unreadable is a different failure from invalid: exit 2, as for a usage error.
   std::error_code ec;
   if (std::filesystem::is_directory(file, ec)) {
      ctx.err << "portier: cannot read " << file.string() << ": it is a folder\n";
      return kExitUsage;
   }
   if (std::ifstream probe(file); !probe) {
      ctx.err << "portier: cannot read " << file.string() << ": " << std::strerror(errno) << '\n';
      return kExitUsage;
   }
   std::vector<kernel::ConfigError> errors;
   try {
      errors = kernel::check_config(file);
   } catch (const std::exception &e) {
      ctx.err << "portier: checking " << file.string() << " failed: " << e.what() << '\n';
      return kExitFailed;
   }
   for (const auto &error : errors) ctx.err << error.to_string() << '\n';
   if (!errors.empty()) return kExitFailed;
   ctx.out << file.string() << ": OK\n";
   return kExitOk;
}

}  // namespace portier::cli
