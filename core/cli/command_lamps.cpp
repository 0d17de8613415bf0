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
   nlohmann::json answer;
   if (const auto done = ask_report(ctx, "lamps", kLampsTimeout, answer)) return *done;
   const auto lamps = answer.find("lamps");
   ctx.out << format_lamps_table(lamps != answer.end() ? *lamps : nlohmann::json::array());
   return kExitOk;
}

}  // namespace portier::cli
