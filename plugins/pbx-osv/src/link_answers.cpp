// SPDX-License-Identifier: GPL-3.0-or-later
// Frames from the PBX and the answers to our requests: monitors, snapshots, features, errors.
#include "link_state.h"

namespace portier::osv {

void Link::State::handle_frame(const csta::FrameView &frame) {
   csta::ParseResult parsed = parser.parse(frame.xml);
   if (!parsed) {
      // the framing still holds, so the link stays; a missed answer times out as usual
      const std::string line = "CSTA message " + std::to_string(frame.invoke_id) + " not understood: " +
                               parsed.error.to_string();
      if (std::exchange(malformed_logged, true)) return host.debug(line);
      host.warn(line + " (more on this connection are logged at debug level)");
      return;
   }
   csta::Message &m = *parsed.message;
   if (std::holds_alternative<csta::SystemStatus>(m)) {
      // the PBX asks: answer at once with its invoke id (the note, 1.4.3)
      send(frame.invoke_id, csta::build(csta::SystemStatusResponse{}));
      if (phase == Phase::wait_status) system_register();
      return;
   }
   if (auto *ended = std::get_if<csta::ApplicationSessionTerminated>(&m)) {
      if (!session.active()) return host.debug("ApplicationSessionTerminated without a session ignored");
      return lost("application session " + ended->session_id + " ended by the PBX: " +
                  (ended->reason.empty() ? std::string("no reason given") : ended->reason));
   }
   if (frame.is_event()) return on_event(m);
   on_answer(frame.invoke_id, m);
}

void Link::State::on_answer(std::uint16_t id, csta::Message &m) {
   auto it = pending.find(id);
   if (it == pending.end()) {
      host.debug("answer with unknown invoke id " + std::to_string(id) + " ignored (late or unasked)");
      return;
   }
   Pending p = std::move(it->second);
   pending.erase(it);
   ids.release(id);
   send_parked();
   switch (p.internal) {  // the session judges its own answers, CSTAErrorCode included
   case Internal::start_session: return session_started(m);
   case Internal::reset_session: return session_reset(m);
   case Internal::stop_session: return shutdown();
   default: break;
   }
   if (auto *e = std::get_if<csta::CstaError>(&m)) return refused(p, *e);
   switch (p.internal) {
   case Internal::system_register: return registered();
   case Internal::heartbeat: missed_heartbeats = 0; return;
   case Internal::remonitor: return monitor_started(p, m);
   case Internal::resnapshot: return snapshot_answered(p, m);
   case Internal::get_dnd: return dnd_answered(p, m);
   case Internal::start_session:
   case Internal::reset_session:
   case Internal::stop_session:
   case Internal::none: break;
   }
   using Op = Command::Op;
   switch (*p.op) {
   case Op::monitor_start: return monitor_started(p, m);
   case Op::monitor_stop: {
      auto mon = monitors.find(p.device);
      if (mon != monitors.end()) {
         by_xref.erase(mon->second.cross_ref);
         monitors.erase(mon);
      }
      return result(p, PORTIER_OK, 0, "", "");
   }
   case Op::snapshot: return snapshot_answered(p, m);
   case Op::make_call:
      if (auto *r = std::get_if<csta::MakeCallResponse>(&m)) return result(p, PORTIER_OK, 0, r->calling.call_id, "");
      return unexpected(p, m);
   case Op::consult:
      if (auto *r = std::get_if<csta::ConsultationCallResponse>(&m)) return result(p, PORTIER_OK, 0, r->initiated.call_id, "");
      return unexpected(p, m);
   case Op::get_features: {
      auto *r = std::get_if<csta::GetForwardingResponse>(&m);
      if (r == nullptr) return unexpected(p, m);
      Features &f = features_of(p.device);
      const bool dnd = f.dnd;
      f = Features{};
      f.dnd = dnd;
      for (const csta::ForwardingItem &item : r->items) apply(f, item);
      Pending next = p;
      next.internal = Internal::get_dnd;
      next.what = "GetDoNotDisturb";
      return request(csta::build(csta::GetDoNotDisturb{p.device}), std::move(next));
   }
   default: return result(p, PORTIER_OK, 0, "", "");
   }
}

void Link::State::unexpected(const Pending &p, const csta::Message &m) {
   std::string root = "another message";
   if (auto *u = std::get_if<csta::UnknownMessage>(&m)) root = u->root;
   result(p, PORTIER_ERR_INTERNAL, 0, "", "unexpected answer to " + p.what + ": " + root);
}

void Link::State::refused(const Pending &p, const csta::CstaError &e) {
   if (p.internal == Internal::heartbeat) {
      missed_heartbeats = 0;  // refused, but the PBX is alive
      return;
   }
   if (p.internal == Internal::system_register) {
      host.warn("SystemRegister refused (" + e.category + ": " + e.value + "); working without status reports");
      return registered();
   }
   const MappedError mapped = map_error(e);
   if (p.correlation == 0) {
      host.warn(p.what + " for " + p.device + " refused: " + mapped.message);
      return;
   }
   result(p, mapped.status, mapped.detail, "", mapped.message);
}

void Link::State::monitor_started(const Pending &p, const csta::Message &m) {
   auto *r = std::get_if<csta::MonitorStartResponse>(&m);
   if (r == nullptr) return unexpected(p, m);
   Monitor &mon = monitors[p.device];
   if (mon.model.number.empty()) mon.model.number = csta::parse_device_id(p.device).number;
   // a new monitor starts in service; the PBX reports an out-of-service device right after
   mon.model.out_of_service = false;
   if (!mon.cross_ref.empty()) by_xref.erase(mon.cross_ref);
   mon.cross_ref = r->cross_ref_id;
   by_xref[r->cross_ref_id] = monitors.find(p.device);
   result(p, PORTIER_OK, 0, "", "");
   // the device's state comes from a snapshot, on the first monitor and after every reconnect
   request(csta::build(csta::SnapshotDevice{p.device}), Pending{{}, Internal::resnapshot, 0, p.device, "SnapshotDevice", 0});
}

void Link::State::snapshot_answered(const Pending &p, const csta::Message &m) {
   auto *r = std::get_if<csta::SnapshotDeviceResponse>(&m);
   if (r == nullptr) return unexpected(p, m);
   DeviceModel scratch;
   auto mon = monitors.find(p.device);
   DeviceModel &model = mon != monitors.end() ? mon->second.model : scratch;
   if (mon == monitors.end()) model.features = features_of(p.device);
   apply(model, *r);
   model.reported = derive(model);
   post(device_record(p.correlation, p.device, model.reported));
   if (p.correlation == 0) {
      // a fresh monitor: forwarding and DND may have changed while nobody watched
      request(csta::build(csta::GetForwarding{p.device}),
              Pending{Command::Op::get_features, Internal::none, 0, p.device, "GetForwarding", 0});
      return;
   }
   for (const csta::SnapshotCall &call : r->calls) post(snapshot_call_record(p.correlation, p.device, call));
   result(p, PORTIER_OK, 0, "", "");
}

void Link::State::dnd_answered(const Pending &p, const csta::Message &m) {
   auto *r = std::get_if<csta::GetDoNotDisturbResponse>(&m);
   if (r == nullptr) return unexpected(p, m);
   Features &f = features_of(p.device);
   f.dnd = r->on;
   post(features_record(p.correlation, p.device, f));
   result(p, PORTIER_OK, 0, "", "");
   report_if_changed(p.device);
}

Features &Link::State::features_of(const std::string &device) {
   auto mon = monitors.find(device);
   if (mon != monitors.end()) return mon->second.model.features;
   if (features.size() >= kMaxFeatureCache && features.count(device) == 0) features.clear();
   return features[device];
}

void Link::State::report_if_changed(const std::string &device) {
   auto mon = monitors.find(device);
   if (mon != monitors.end()) report_if_changed(*mon);
}

void Link::State::report_if_changed(Monitors::value_type &mon) {
   DeviceModel &model = mon.second.model;
   const DeviceState now_state = derive(model);
   if (now_state == model.reported) return;
   model.reported = now_state;
   post(device_record(0, mon.first, now_state));
}

}  // namespace portier::osv
