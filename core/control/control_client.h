// SPDX-License-Identifier: GPL-3.0-or-later
// The CLI's end of the control channel (protocol in control_server.h).
#pragma once

#include <chrono>
#include <filesystem>
#include <string>
#include <variant>

#include <nlohmann/json.hpp>

namespace portier::control {

// An answer bigger than this is treated as a broken daemon, not read to the end.
inline constexpr std::size_t kMaxAnswerBytes = 16 * 1024 * 1024;

// Sends `req` as one line and waits up to `timeout` in total for the one-line answer.
// Returns the parsed answer (ok or not), or a sentence saying why there is none:
// "portierd is not running (no socket at X)", "... (connection refused on X)", a timeout, ...
// Blocking; never throws.
std::variant<nlohmann::json, std::string> request(const std::filesystem::path &socket,
                                                  const nlohmann::json &req,
                                                  std::chrono::milliseconds timeout);

}  // namespace portier::control
