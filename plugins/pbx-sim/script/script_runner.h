// SPDX-License-Identifier: GPL-3.0-or-later
// Runs a parsed script on the server's io_context: steps one after the other, real (steady)
// time between waits, events flushed to the CSTA clients after each step.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <string_view>
#include <vector>

#include "runtime/sim_log.h"
#include "script/script.h"
#include "script/step_apply.h"
#include "server/csta_server.h"

namespace portier::pbxsim {

class SipSide;

class ScriptRunner {
public:
   // `office`, `server` and `io` must outlive the runner; `done` runs on the io_context after
   // the last step.
   ScriptRunner(boost::asio::io_context &io, Office &office, CstaServer &server, std::vector<Step> steps,
                SimLog log, std::function<void()> done = {});
   ~ScriptRunner();
   ScriptRunner(const ScriptRunner &) = delete;
   ScriptRunner &operator=(const ScriptRunner &) = delete;

   // Posts the first step. On the io_context only from here on.
   void start();
   // Calls to CPS numbers, and hangup/hold/retrieve of those callers, go to the SIP side.
   void use_sip(SipSide *sip) { sip_ = sip; }
   bool finished() const { return next_ >= steps_.size(); }
   std::size_t failures() const { return failures_; }

private:
   void run_steps();
   void run_one(const Step &step);
   bool sip_step(const Step &step, std::string &error);

   boost::asio::io_context &io_;
   Office &office_;
   CstaServer &server_;
   std::vector<Step> steps_;
   SimLog log_;
   std::function<void()> done_;
   boost::asio::steady_timer timer_;
   CallBook book_;
   SipSide *sip_ = nullptr;
   std::size_t next_ = 0;
   std::size_t failures_ = 0;
   std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace portier::pbxsim
