// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/commands.h"
#include "cli/daemon_request.h"

namespace portier::cli {

// A reload validates the whole file and restarts changed plugins; give it time.
int run_reload(const Context &ctx) {
   return run_message_command(ctx, "reload", std::chrono::milliseconds{60'000}, "reloaded");
}

}  // namespace portier::cli
