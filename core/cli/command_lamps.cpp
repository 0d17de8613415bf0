// SPDX-License-Identifier: GPL-3.0-or-later
#include <ostream>

#include "cli/commands.h"
#include "cli/daemon_request.h"
#include "cli/lamps_table.h"

namespace portier::cli {
namespace {

constexpr std::chrono::milliseconds kLampsTimeout{10'000};

}  // namespace

int run_lamps(const Context &ctx) {
   const auto answer = ask_daemon(ctx, {{"cmd", "lamps"}}, kLampsTimeout);
   if (!answer) return kExitFailed;
   if (!answer_ok(*answer)) {
      print_failure(ctx, *answer);
      return kExitFailed;
   }
   if (ctx.invocation.json) {
      ctx.out << answer->dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
      return kExitOk;
   }
   const auto lamps = answer->find("lamps");
   ctx.out << format_lamps_table(lamps != answer->end() ? *lamps : nlohmann::json::array());
   return kExitOk;
}

}  // namespace portier::cli
