// SPDX-License-Identifier: MIT
// How a scenario, running in its own child process, tells the parent what it found: one JSON
// object per line on a pipe. Findings go out as they happen, so a later crash loses nothing.
#pragma once

#include <mutex>
#include <set>
#include <string>

#include "report.h"

namespace portier::check {

// The child's end of the pipe; every record is written whole under a lock. Any thread may
// report (a plugin's stray thread calling the strict host does).
class ScenarioLog {
public:
   ScenarioLog(int fd, std::string scenario);

   const std::string &scenario() const { return scenario_; }
   // A failed check of this scenario; a message already reported is not repeated.
   void fail(const std::string &detail);
   void fail_as(const std::string &check, const std::string &detail);
   void warn_as(const std::string &check, const std::string &detail);
   void pass_as(const std::string &check, const std::string &detail = "");
   // Ends the scenario: a pass line unless something failed.
   void finish(const std::string &pass_detail = "");
   // Where the scenario is now ("during start()"), so a crash or hang can be placed.
   void progress(const std::string &where);
   void descriptor(const DescriptorInfo &info, bool usable);
   int failures() const;

private:
   void write_line(const std::string &json_line);
   void emit(const std::string &check, Result result, const std::string &detail);

   int fd_;
   std::string scenario_;
   mutable std::mutex mutex_;
   std::set<std::string> seen_;
   int failures_ = 0;
};

// Pauses the calling thread; the checker sleeps only in the child, between engine turns.
void sleep_ms(int ms);

}  // namespace portier::check
