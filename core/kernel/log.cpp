// SPDX-License-Identifier: GPL-3.0-or-later
#include "kernel/log.h"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>
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
   // Wall-clock time is fine here: logs are for people; the engine never reads it.
   const auto now = std::chrono::system_clock::now();
   const auto secs = std::chrono::system_clock::to_time_t(now);
   const auto millis =
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
   std::tm tm{};
   gmtime_r(&secs, &tm);
   char stamp[32];
   std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%S", &tm);
   std::string line;
   line.reserve(64 + source.size() + message.size());
   line += stamp;
   char ms[8];
   std::snprintf(ms, sizeof ms, ".%03dZ ", static_cast<int>(millis));
   line += ms;
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
