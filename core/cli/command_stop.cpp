// SPDX-License-Identifier: GPL-3.0-or-later
#include <ostream>

#include "cli/commands.h"
#include "cli/daemon_request.h"

namespace portier::cli {
namespace {

constexpr std::chrono::milliseconds kStopTimeout{10'000};

}  // namespace

int run_stop(const Context &ctx) {
   const auto answer = ask_daemon(ctx, {{"cmd", "stop"}}, kStopTimeout);
   if (!answer) return kExitFailed;
   if (!answer_ok(*answer)) {
      print_failure(ctx, *answer);
      return kExitFailed;
   }
   const auto message = answer->find("message");
   ctx.out << (message != answer->end() && message->is_string() ? message->get<std::string>()
                                                                : std::string("portierd is stopping"))
           << '\n';
   return kExitOk;
}

}  // namespace portier::cli
