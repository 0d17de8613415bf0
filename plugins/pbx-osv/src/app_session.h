// SPDX-License-Identifier: GPL-3.0-or-later
// The optional ECMA-354 application session on one CSTA connection (csta-famos.md 1.4): started
// after SystemRegister and before any monitor, kept alive with ResetApplicationSessionTimer at
// half the duration the switch granted (on the host clock, like the heartbeat), stopped when the
// driver stops. This part only builds the requests and judges the answers; the link sends them.
#pragma once

#include <cstdint>
#include <string>

#include <portier/csta/messages.h>

namespace portier::osv {

class AppSession {
public:
   AppSession(std::string application_id, std::uint32_t requested_s)
       : application_id_(std::move(application_id)), requested_s_(requested_s) {}

   std::string start_request() const;
   // Judges the answer to StartApplicationSession: "" when the session runs (the first reset is
   // then planned), else why the switch refused it.
   std::string started(const csta::Message &answer, std::int64_t now_us);

   bool reset_due(std::int64_t now_us) const { return active() && now_us >= next_reset_us_; }
   // The keep-alive; plans the next one at half the granted duration.
   std::string reset_request(std::int64_t now_us);
   // "" when the switch reset the timer, else why not.
   std::string reset_answered(const csta::Message &answer, std::int64_t now_us);

   std::string stop_request() const;
   // Forgets the session: the link dropped, or the switch ended it.
   void end() { id_.clear(); }

   bool active() const { return !id_.empty(); }
   const std::string &id() const { return id_; }
   std::uint32_t duration_s() const { return granted_s_; }
   std::int64_t next_reset_us() const { return next_reset_us_; }

private:
   void plan(std::int64_t now_us);

   std::string application_id_;
   std::uint32_t requested_s_;
   std::string id_;
   std::uint32_t granted_s_ = 0;
   std::int64_t next_reset_us_ = 0;
};

// The reason text of a CSTAErrorCode answer, as the session reports it.
std::string describe(const csta::CstaError &error);

}  // namespace portier::osv
