// SPDX-License-Identifier: MIT
#include "child_channel.h"

#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <thread>

#include <nlohmann/json.hpp>

namespace portier::check {

ScenarioLog::ScenarioLog(int fd, std::string scenario) : fd_(fd), scenario_(std::move(scenario)) {}

void ScenarioLog::write_line(const std::string &json_line)
{
   std::string line = json_line + "\n";
   size_t done = 0;
   for (int attempts = 0; done < line.size() && attempts < 1000; ++attempts) {
      const ssize_t n = ::write(fd_, line.data() + done, line.size() - done);
      if (n > 0) {
         done += static_cast<size_t>(n);
      } else if (n < 0 && errno != EINTR) {
         return;  // the parent is gone; nothing to report to
      }
   }
}

void ScenarioLog::emit(const std::string &check, Result result, const std::string &detail)
{
   const nlohmann::json j = {{"k", "check"}, {"name", check}, {"result", result_name(result)},
                             {"detail", detail}};
   std::lock_guard lock(mutex_);
   if (result != Result::Pass && !seen_.insert(check + '\n' + detail).second) {
      return;
   }
   if (result == Result::Fail) {
      ++failures_;
   }
   write_line(j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

void ScenarioLog::fail(const std::string &detail)
{
   emit(scenario_, Result::Fail, detail);
}

void ScenarioLog::fail_as(const std::string &check, const std::string &detail)
{
   emit(check, Result::Fail, detail);
}

void ScenarioLog::warn_as(const std::string &check, const std::string &detail)
{
   emit(check, Result::Warn, detail);
}

void ScenarioLog::pass_as(const std::string &check, const std::string &detail)
{
   emit(check, Result::Pass, detail);
}

void ScenarioLog::finish(const std::string &pass_detail)
{
   if (failures() == 0) {
      pass_as(scenario_, pass_detail);
   }
}

void ScenarioLog::progress(const std::string &where)
{
   const nlohmann::json j = {{"k", "progress"}, {"at", where}};
   std::lock_guard lock(mutex_);
   write_line(j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

void ScenarioLog::descriptor(const DescriptorInfo &d, bool usable)
{
   const nlohmann::json j = {{"k", "descriptor"}, {"id", d.id},         {"kind", d.kind},
                             {"name", d.name},    {"version", d.version},
                             {"abi_major", d.abi_major}, {"abi_minor", d.abi_minor},
                             {"struct_size", d.struct_size}, {"usable", usable}};
   std::lock_guard lock(mutex_);
   write_line(j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

int ScenarioLog::failures() const
{
   std::lock_guard lock(mutex_);
   return failures_;
}

void sleep_ms(int ms)
{
   std::this_thread::sleep_for(std::chrono::milliseconds(ms));
}

}  // namespace portier::check
