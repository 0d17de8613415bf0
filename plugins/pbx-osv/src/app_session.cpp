// SPDX-License-Identifier: GPL-3.0-or-later
#include "app_session.h"

#include <variant>

#include <portier/csta/builders.h>

namespace portier::osv {

namespace {
std::string refusal(std::string_view what, const std::string &error) {
   return std::string(what) + " refused: " + (error.empty() ? std::string("no reason given") : error);
}
std::string unexpected(std::string_view what, const csta::Message &answer) {
   if (const auto *e = std::get_if<csta::CstaError>(&answer)) return refusal(what, describe(*e));
   std::string root = "another message";
   if (const auto *u = std::get_if<csta::UnknownMessage>(&answer)) root = u->root;
   return "unexpected answer to " + std::string(what) + ": " + root;
}
}  // namespace

std::string describe(const csta::CstaError &error) { return error.category + ": " + error.value; }

std::string AppSession::start_request() const {
   return csta::build(csta::StartApplicationSession{application_id_, csta::kNamespaceEd4, requested_s_});
}

std::string AppSession::started(const csta::Message &answer, std::int64_t now_us) {
   if (const auto *neg = std::get_if<csta::StartApplicationSessionNegResponse>(&answer)) {
      return refusal("StartApplicationSession", neg->error);
   }
   const auto *pos = std::get_if<csta::StartApplicationSessionPosResponse>(&answer);
   if (pos == nullptr) return unexpected("StartApplicationSession", answer);
   if (pos->session_id.empty()) return "StartApplicationSession answered without a sessionID";
   id_ = pos->session_id;
   granted_s_ = pos->session_duration != 0 ? pos->session_duration : requested_s_;
   plan(now_us);
   return "";
}

std::string AppSession::reset_request(std::int64_t now_us) {
   plan(now_us);  // one reset per half duration, even while an answer is outstanding
   return csta::build(csta::ResetApplicationSessionTimer{id_, requested_s_});
}

std::string AppSession::reset_answered(const csta::Message &answer, std::int64_t now_us) {
   if (const auto *neg = std::get_if<csta::ResetApplicationSessionTimerNegResponse>(&answer)) {
      return refusal("ResetApplicationSessionTimer", neg->error);
   }
   const auto *pos = std::get_if<csta::ResetApplicationSessionTimerPosResponse>(&answer);
   if (pos == nullptr) return unexpected("ResetApplicationSessionTimer", answer);
   if (pos->session_duration != 0 && pos->session_duration != granted_s_) {
      granted_s_ = pos->session_duration;
      plan(now_us);
   }
   return "";
}

std::string AppSession::stop_request() const {
   return csta::build(csta::StopApplicationSession{id_, "normal"});
}

void AppSession::plan(std::int64_t now_us) {
   next_reset_us_ = now_us + static_cast<std::int64_t>(granted_s_) * 1000000 / 2;
}

}  // namespace portier::osv
