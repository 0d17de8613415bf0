// SPDX-License-Identifier: GPL-3.0-or-later
#include <ostream>

#include "cli/commands.h"
#include "cli/daemon_request.h"

namespace portier::cli {
namespace {

// A reload validates the whole file and restarts changed plugins; give it time.
constexpr std::chrono::milliseconds kReloadTimeout{60'000};

}  // namespace

int run_reload(const Context &ctx) {
   const auto answer = ask_daemon(ctx, {{"cmd", "reload"}}, kReloadTimeout);
   if (!answer) return kExitFailed;
   if (!answer_ok(*answer)) {
      print_failure(ctx, *answer);
      return kExitFailed;
   }
   const auto message = answer->find("message");
   ctx.out << (message != answer->end() && message->is_string() ? message->get<std::string>()
                                                                : std::string("reloaded"))
           << '\n';
   return kExitOk;
}

}  // namespace portier::cli
