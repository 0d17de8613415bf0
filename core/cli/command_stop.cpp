// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/commands.h"
#include "cli/daemon_request.h"

namespace portier::cli {

int run_stop(const Context &ctx) {
   return run_message_command(ctx, "stop", std::chrono::milliseconds{10'000}, "portierd is stopping");
}

}  // namespace portier::cli
