// SPDX-License-Identifier: GPL-3.0-or-later
// The CSTA session: SystemRegister, the ECMA-354 application session, the ready state (monitors
// re-established), the heartbeat and request deadlines.
#include "link_state.h"

namespace portier::osv {

void Link::State::system_register() {
   phase = Phase::registering;
   request(csta::build(csta::SystemRegister{}), Pending{{}, Internal::system_register, 0, "", "SystemRegister", 0});
}

// After SystemRegister: the application session when configured (1.4), then the monitors.
void Link::State::registered() {
   if (!config.application_session) return ready();
   phase = Phase::session;
   request(session.start_request(), Pending{{}, Internal::start_session, 0, "", "StartApplicationSession", 0});
}

void Link::State::session_started(const csta::Message &m) {
   if (const std::string refused = session.started(m, now()); !refused.empty()) return lost(refused);
   host.info("application session " + session.id() + " with " + endpoint() + " for " +
             std::to_string(session.duration_s()) + " s, reset every " + std::to_string(session.duration_s() / 2) +
             " s");
   ready();
}

void Link::State::session_reset(const csta::Message &m) {
   if (const std::string refused = session.reset_answered(m, now()); !refused.empty()) return lost(refused);
   host.debug("application session " + session.id() + " timer reset");
}

// Ends the application session politely before closing, waiting at most kStopWait.
void Link::State::begin_stop() {
   if (phase != Phase::ready || !session.active()) return shutdown();
   request(session.stop_request(), Pending{{}, Internal::stop_session, 0, "", "StopApplicationSession", 0});
   stop_timer.expires_after(kStopWait);
   stop_timer.async_wait([this](const boost::system::error_code &) { shutdown(); });
}

void Link::State::ready() {
   phase = Phase::ready;
   backoff_ms = config.reconnect_min_ms;
   missed_heartbeats = 0;
   next_heartbeat_us = now() + config.heartbeat_s * 1000000;
   link.up_.store(true);
   (void)host.report_state(PORTIER_STATE_RUNNING, "");
   host.info("CSTA session with " + endpoint() + " ready; re-establishing " +
             std::to_string(monitors.size()) + " monitors");
   for (auto &[device, m] : monitors) {
      request(csta::build(csta::MonitorStart{device, ""}), Pending{{}, Internal::remonitor, 0, device, "MonitorStart", 0});
   }
}

void Link::State::tick() {
   const std::int64_t t = now();
   if (phase == Phase::idle && reconnect_at_us >= 0 && t >= reconnect_at_us) connect();
   lookup.check();
   if (phase == Phase::connecting && t >= connect_deadline_us) {
      return lost("no connection to " + endpoint() + " within " + std::to_string(config.connect_timeout_ms) + " ms");
   }
   if (phase == Phase::ready && session.reset_due(t)) {
      request(session.reset_request(t), Pending{{}, Internal::reset_session, 0, "", "ResetApplicationSessionTimer", 0});
   }
   if (phase == Phase::wait_status && t >= handshake_deadline_us) {
      host.warn("no SystemStatus from " + endpoint() + "; registering anyway");
      system_register();
   }
   if (phase == Phase::ready && t >= next_heartbeat_us) {
      next_heartbeat_us = t + config.heartbeat_s * 1000000;
      request(csta::build(csta::SystemStatus{}), Pending{{}, Internal::heartbeat, 0, "", "SystemStatus", 0});
   }
   for (auto it = pending.begin(); it != pending.end();) {
      if (it->second.deadline_us > t) {
         ++it;
         continue;
      }
      Pending p = std::move(it->second);
      ids.release(it->first);
      it = pending.erase(it);
      expired(p);
      if (phase == Phase::idle) return;  // the link was dropped
   }
   send_parked();
}

void Link::State::expired(const Pending &p) {
   const std::string why = "no answer to " + p.what + " within " + std::to_string(config.request_timeout_ms) + " ms";
   if (p.internal == Internal::heartbeat) {
      if (++missed_heartbeats >= kMaxMissedHeartbeats) lost("link lost: " + why + " (twice)");
      return;
   }
   if (p.internal == Internal::system_register) {
      host.warn(why + "; working without status reports");
      return registered();
   }
   if (p.internal == Internal::start_session || p.internal == Internal::reset_session) return lost(why);
   if (p.internal == Internal::stop_session) return shutdown();
   if (p.correlation == 0) return host.warn(why + (p.device.empty() ? "" : " for " + p.device));
   result(p, PORTIER_ERR_TIMEOUT, 0, "", why);
}

}  // namespace portier::osv
