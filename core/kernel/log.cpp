// SPDX-License-Identifier: GPL-3.0-or-later
#include "kernel/log.h"

#include "kernel/wall_time.h"

#include <atomic>
#include <cstdio>
#include <mutex>
#include <string>

namespace portier::kernel {
namespace {

std::atomic<int> g_level{static_cast<int>(LogLevel::info)};
std::mutex g_write_mutex;

const char *level_name(LogLevel level)
{
   switch (level) {
   case LogLevel::debug: return "DEBUG";
   case LogLevel::info: return "INFO";
   case LogLevel::warning: return "WARN";
   case LogLevel::error: return "ERROR";
   }
   return "INFO";
}

void write_line(const char *tag, std::string_view source, std::string_view message)
{
   std::string line;
   line.reserve(64 + source.size() + message.size());
   line += utc_now_iso_ms();
   line += ' ';
   line += tag;
   line += " [";
   line += source;
   line += "] ";
   // One event, one line: a newline inside a message would forge a second entry.
   for (char c : message) {
      line += (c == '\n' || c == '\r') ? ' ' : c;
   }
   line += '\n';
   std::lock_guard lock(g_write_mutex);
   std::fwrite(line.data(), 1, line.size(), stderr);
   std::fflush(stderr);
}

}  // namespace

LogLevel parse_log_level(std::string_view text)
{
   if (text == "debug") return LogLevel::debug;
   if (text == "warning") return LogLevel::warning;
   if (text == "error") return LogLevel::error;
   return LogLevel::info;
}

void set_log_level(LogLevel level)
{
   g_level.store(static_cast<int>(level));
}

void log(LogLevel level, std::string_view source, std::string_view message)
{
   if (static_cast<int>(level) < g_level.load()) {
      return;
   }
   write_line(level_name(level), source, message);
}

void log_misbehaving(std::string_view plugin_id, std::string_view message)
{
   write_line("MISBEHAVING", plugin_id, message);
}

}  // namespace portier::kernel
