// SPDX-License-Identifier: GPL-3.0-or-later
// One request to portierd on the chosen socket, with failures already told to the user.
#pragma once

#include <chrono>
#include <optional>

#include <nlohmann/json.hpp>

#include "cli/commands.h"

namespace portier::cli {

// The daemon's answer, whether ok or not; nullopt after printing why there is none.
std::optional<nlohmann::json> ask_daemon(const Context &ctx, const nlohmann::json &request,
                                         std::chrono::milliseconds timeout);

// Prints an {"ok":false} answer's "error" and each of its "errors" to ctx.err, one per line.
void print_failure(const Context &ctx, const nlohmann::json &answer);

// answer["ok"] is true.
bool answer_ok(const nlohmann::json &answer);

// Sends {"cmd": cmd} for a report (status, lamps). Returns the exit code when the command is
// done already: the failure printed, or with --json the whole answer printed. Returns nullopt
// with `answer` filled when the caller is to print it as a table.
std::optional<int> ask_report(const Context &ctx, const char *cmd, std::chrono::milliseconds timeout,
                              nlohmann::json &answer);

// Sends {"cmd": cmd} and prints the answer: its "message" (or `fallback`) and each line of its
// "changes", or the failure. Returns the exit code.
int run_message_command(const Context &ctx, const char *cmd, std::chrono::milliseconds timeout,
                        const char *fallback);

}  // namespace portier::cli
