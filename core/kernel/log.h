// SPDX-License-Identifier: GPL-3.0-or-later
// One line per event on stderr: time, level, source, message. Thread-safe.
#pragma once

#include <string_view>

namespace portier::kernel {

enum class LogLevel { debug = 0, info = 1, warning = 2, error = 3 };

// Parses "debug" | "info" | "warning" | "error"; anything else gives info.
LogLevel parse_log_level(std::string_view text);

void set_log_level(LogLevel level);

// `source` is "kernel" or a plugin id. Messages carry no secrets by contract of the callers.
void log(LogLevel level, std::string_view source, std::string_view message);

// For contract violations by a plugin: always written, marked so they stand out.
void log_misbehaving(std::string_view plugin_id, std::string_view message);

}  // namespace portier::kernel
