// SPDX-License-Identifier: GPL-3.0-or-later
#include "link.h"

#include <algorithm>
#include <array>
#include <deque>
#include <map>
#include <optional>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <utility>
#include <variant>

#include <boost/asio.hpp>

#include <portier/event.hpp>
#include <portier/plugin.hpp>
#include <portier/csta/builders.h>
#include <portier/csta/framing.h>
#include <portier/csta/invoke_ids.h>
#include <portier/csta/parser.h>
#include <portier/dns/nameserver.h>
#include <portier/dns/nodes.h>
#include <portier/dns/srv_lookup.h>

#include "app_session.h"
#include "command_requests.h"
#include "device_model.h"
#include "mapping.h"
#include "records.h"

namespace portier::osv {
namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

constexpr int kMaxQueued = 10000;         // commands handed to the I/O thread, not yet sent
constexpr int kMaxMissedHeartbeats = 2;   // then the link counts as dead (the note, 1.4.3)
constexpr std::size_t kMaxFeatureCache = 10000;
constexpr std::size_t kMaxParked = 65536;    // requests waiting for an invoke id (4 per monitor on a reconnect)

enum class Phase { idle, resolving, connecting, wait_status, registering, session, ready };

// How long stop() waits for the answer to StopApplicationSession. Real time: the host clock may
// stand still while the host stops a plugin.
constexpr std::chrono::milliseconds kStopWait{1000};

// What an answer completes: an engine command (op set), or one of the driver's own requests.
enum class Internal {
   none, system_register, heartbeat, remonitor, resnapshot, get_dnd, start_session, reset_session, stop_session,
};

struct Pending {
   std::optional<Command::Op> op;
   Internal internal = Internal::none;
   std::uint64_t correlation = 0;
   std::string device;
   std::string what;  // the request's element name, for messages
   std::int64_t deadline_us = 0;
};

struct Monitor {
   std::string cross_ref;  // "" while the link is down or the monitor is being re-established
   DeviceModel model;
};

}  // namespace

struct Link::State {
   State(Link &owner, Host h, Config c)
       : link(owner), host(h), config(std::move(c)), work(asio::make_work_guard(io)), resolver(io),
         socket(io), lookup(io, [this] { return host.now_us(); }), stop_timer(io),
         session(config.application_id, static_cast<std::uint32_t>(config.session_duration_s)),
         backoff_ms(config.reconnect_min_ms) {}

   Link &link;
   Host host;
   Config config;
   asio::io_context io;
   asio::executor_work_guard<asio::io_context::executor_type> work;
   std::thread thread;
   tcp::resolver resolver;
   tcp::socket socket;
   dns::SrvLookup lookup;             // the nodes of a geo-separated OSV (domain)
   asio::steady_timer stop_timer;

   // Everything below is touched on the I/O thread only.
   std::uint64_t generation = 0;  // bumped on every drop: handlers of an old socket do nothing
   Phase phase = Phase::idle;
   dns::Round round;                   // the nodes of this connection round, and the one in use
   AppSession session;            // the ECMA-354 session, when application_session is set
   std::int64_t connect_deadline_us = 0;
   csta::FrameReader reader;
   csta::Parser parser;
   csta::InvokeIdAllocator ids;
   std::map<std::uint16_t, Pending> pending;
   std::deque<std::pair<std::string, Pending>> parked;  // waiting for a free invoke id
   std::deque<std::string> out;
   bool writing = false;
   std::array<char, 65536> in{};   // one read: up to ~50 events of a busy PBX, posted as one batch
   using Monitors = std::map<std::string, Monitor>;
   Monitors monitors;                                            // engine device name -> monitor
   std::unordered_map<std::string, Monitors::iterator> by_xref;  // monitorCrossRefID -> its monitor
   std::map<std::string, Features> features;     // devices read with get_features, unmonitored
   std::int64_t backoff_ms;
   std::int64_t reconnect_at_us = -1;
   std::int64_t handshake_deadline_us = 0;
   std::int64_t next_heartbeat_us = 0;
   int missed_heartbeats = 0;
   bool malformed_logged = false;  // a storm of broken XML is one warning per connection
   EventBatch batch;               // the records of one read: the engine wakes once per read
   bool batching = false;          // inside a read's frames, post() goes to the batch

   std::string endpoint() const {
      if (!round.empty()) return round.current().label();
      return config.domain.empty() ? config.host + ":" + std::to_string(config.port) : config.srv_name + "." + config.domain;
   }
   std::int64_t now() const { return host.now_us(); }

   template <class T>
   void post(const T &record) {
      auto r = batching ? batch.add(record) : host.post(record);
      if (!r.ok()) host.warn("event dropped: " + r.message());
   }

   void flush_batch() {
      batching = false;
      if (auto r = batch.flush(); !r.ok()) host.warn("events dropped: " + r.message());
   }

   void result(const Pending &p, portier_status status, std::int32_t detail, std::string_view call_id,
               std::string_view message) {
      if (p.correlation == 0) return;
      post(result_record(p.correlation, status, detail, p.device, call_id, message));
   }

   // ---- connection ----

   void connect() {
      if (phase != Phase::idle) return;
      reconnect_at_us = -1;
      if (round.empty()) return new_round();
      connect_node();
   }

   // A round starts at the first node: the configured host, or what DNS SRV names right now
   // (the list may change between rounds).
   void new_round() {
      if (config.domain.empty()) {
         round.reset({dns::Node{config.host, "", static_cast<std::uint16_t>(config.port), 0, 0, false}});
         return connect_node();
      }
      const auto server = config.dns_server.empty() ? dns::system_name_server() : dns::parse_name_server(config.dns_server);
      if (!server) return round_failed("no DNS server to ask: /etc/resolv.conf names none");
      phase = Phase::resolving;
      lookup.start(*server, config.srv_name + "." + config.domain, config.dns_timeout_ms,
                   [this](dns::LookupOutcome out) { resolved(std::move(out)); });
   }

   void resolved(dns::LookupOutcome out) {
      phase = Phase::idle;
      if (!out.error.empty()) return round_failed("cannot find the OpenScape Voice nodes: " + out.error);
      if (!out.notes.empty()) host.warn("DNS SRV for " + config.domain + ": " + out.notes);
      std::string list;
      for (const dns::Node &n : out.nodes) list += (list.empty() ? "" : ", ") + n.label();
      host.info("OpenScape Voice nodes of " + config.domain + " in order: " + list);
      round.reset(std::move(out.nodes));
      connect_node();
   }

   void connect_node() {
      phase = Phase::connecting;
      const dns::Node &node = round.current();
      connect_deadline_us = now() + config.connect_timeout_ms * 1000;
      if (node.from_srv) {
         host.info("connecting to node " + std::to_string(round.position()) + " of " + std::to_string(round.size()) +
                   ": " + node.label());
      }
      // resolved here, synchronously: asio's async resolver keeps a thread of its own alive
      // until the io_context dies, and stop() must leave no thread behind
      boost::system::error_code ec;
      const tcp::resolver::results_type results =
         resolver.resolve(node.address.empty() ? node.name : node.address, std::to_string(node.port), ec);
      if (ec) return lost("cannot connect to " + endpoint() + ": " + ec.message());
      const std::uint64_t gen = generation;
      asio::async_connect(socket, results, [this, gen](const boost::system::error_code &e, const tcp::endpoint &) {
         if (gen != generation) return;
         if (e) return lost("cannot connect to " + endpoint() + ": " + e.message());
         connected();
      });
   }

   void connected() {
      boost::system::error_code ignored;
      socket.set_option(tcp::no_delay(true), ignored);
      phase = Phase::wait_status;
      malformed_logged = false;
      handshake_deadline_us = now() + config.request_timeout_ms * 1000;
      host.info("connected to " + endpoint() + ", waiting for SystemStatus");
      read();
   }

   void read() {
      const std::uint64_t gen = generation;
      socket.async_read_some(asio::buffer(in), [this, gen](const boost::system::error_code &ec, std::size_t n) {
         if (gen != generation) return;
         if (ec && reader.buffered() > 0) {  // a truncated frame: say so, once, in the drop's line
            return lost("link lost inside a frame (" + std::to_string(reader.buffered()) +
                        " bytes of it received): " + ec.message());
         }
         if (ec) return lost("link lost: " + ec.message());
         reader.feed(std::string_view(in.data(), n));
         batching = true;
         while (auto frame = reader.pop()) {
            handle_frame(*frame);
            if (gen != generation) return flush_batch();  // the frame dropped the link
         }
         flush_batch();
         if (reader.failed()) {
            return lost("link lost: bad frame at byte " + std::to_string(reader.stream_offset()) + ": " +
                        std::string(csta::describe(reader.error())));
         }
         read();
      });
   }

   bool send(std::uint16_t invoke_id, const std::string &xml) {
      auto frame = csta::encode_frame(invoke_id, xml);
      if (!frame) return false;
      out.push_back(std::move(*frame));
      if (!writing) write_next();
      return true;
   }

   void write_next() {
      writing = true;
      const std::uint64_t gen = generation;
      asio::async_write(socket, asio::buffer(out.front()), [this, gen](const boost::system::error_code &ec, std::size_t) {
         if (gen != generation) return;
         if (ec) return lost("link lost: " + ec.message());
         out.pop_front();
         if (out.empty()) {
            writing = false;
         } else {
            write_next();
         }
      });
   }

   // Sends a request with a fresh invoke id and remembers what its answer completes.
   // Sends a request, or parks it until an invoke id is free: after a reconnect with thousands
   // of monitors the driver asks for more than the 9,999 ids at once.
   void request(const std::string &xml, Pending p) {
      if (parked.empty()) {
         if (const auto id = ids.acquire()) return send_request(*id, xml, std::move(p));
      }
      if (parked.size() >= kMaxParked) {
         if (p.correlation == 0) {  // the driver's own request: no RESULT tells anyone
            host.warn(p.what + (p.device.empty() ? "" : " for " + p.device) + " not sent: too many requests wait");
         }
         return result(p, PORTIER_ERR_BUSY, 0, "", "too many requests wait for the PBX");
      }
      parked.emplace_back(xml, std::move(p));
   }

   void send_request(std::uint16_t id, const std::string &xml, Pending p) {
      p.deadline_us = now() + config.request_timeout_ms * 1000;
      if (!send(id, xml)) {
         ids.release(id);
         return result(p, PORTIER_ERR_INVALID, 0, "", p.what + " too large for one frame");
      }
      pending[id] = std::move(p);
   }

   // Sends parked requests while invoke ids are free.
   void send_parked() {
      while (!parked.empty() && phase != Phase::idle) {
         const auto id = ids.acquire();
         if (!id) return;
         auto [xml, p] = std::move(parked.front());
         parked.pop_front();
         send_request(*id, xml, std::move(p));
      }
   }

   void lost(const std::string &reason) {
      ++generation;
      boost::system::error_code ignored;
      socket.close(ignored);
      link.up_.store(false);
      out.clear();
      writing = false;
      reader = csta::FrameReader();
      auto failed = std::exchange(pending, {});
      auto waiting = std::exchange(parked, {});
      ids = csta::InvokeIdAllocator();
      for (auto &[id, p] : failed) result(p, PORTIER_ERR_UNAVAILABLE, 0, "", reason);
      for (auto &[xml, p] : waiting) result(p, PORTIER_ERR_UNAVAILABLE, 0, "", reason);
      for (auto &[device, m] : monitors) m.cross_ref.clear();
      by_xref.clear();
      session.end();
      phase = Phase::idle;
      // failover: the next node of this round at once; after the last one, back off and start over
      if (!round.empty() && round.advance()) {
         const std::string next = "failing over to node " + std::to_string(round.position()) + " of " +
                                  std::to_string(round.size()) + ": " + round.current().label();
         host.warn(reason + "; " + next);
         asio::post(io, [this] { connect(); });
         (void)host.report_state(PORTIER_STATE_STOPPED, reason + "; " + next);
         return;
      }
      round_failed(reason);
   }

   // Every node of the round failed (or none was found): back off, then a new round.
   void round_failed(const std::string &reason) {
      round.finish();
      phase = Phase::idle;
      host.warn(reason + "; retrying in " + std::to_string(backoff_ms) + " ms");
      reconnect_at_us = now() + backoff_ms * 1000;
      backoff_ms = std::min(backoff_ms * 2, config.reconnect_max_ms);
      (void)host.report_state(PORTIER_STATE_STOPPED, reason);  // last: the retry is already planned
   }

   // ---- session ----

   void system_register() {
      phase = Phase::registering;
      request(csta::build(csta::SystemRegister{}), Pending{{}, Internal::system_register, 0, "", "SystemRegister", 0});
   }

   // After SystemRegister: the application session when configured (1.4), then the monitors.
   void registered() {
      if (!config.application_session) return ready();
      phase = Phase::session;
      request(session.start_request(), Pending{{}, Internal::start_session, 0, "", "StartApplicationSession", 0});
   }

   void session_started(const csta::Message &m) {
      if (const std::string refused = session.started(m, now()); !refused.empty()) return lost(refused);
      host.info("application session " + session.id() + " with " + endpoint() + " for " +
                std::to_string(session.duration_s()) + " s, reset every " + std::to_string(session.duration_s() / 2) +
                " s");
      ready();
   }

   void session_reset(const csta::Message &m) {
      if (const std::string refused = session.reset_answered(m, now()); !refused.empty()) return lost(refused);
      host.debug("application session " + session.id() + " timer reset");
   }

   // Ends the application session politely before closing, waiting at most kStopWait.
   void begin_stop() {
      if (phase != Phase::ready || !session.active()) return shutdown();
      request(session.stop_request(), Pending{{}, Internal::stop_session, 0, "", "StopApplicationSession", 0});
      stop_timer.expires_after(kStopWait);
      stop_timer.async_wait([this](const boost::system::error_code &) { shutdown(); });
   }

   void ready() {
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

   void tick() {
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

   void expired(const Pending &p) {
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

   // ---- frames from the PBX ----

   void handle_frame(const csta::FrameView &frame) {
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

   void on_answer(std::uint16_t id, csta::Message &m) {
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

   void unexpected(const Pending &p, const csta::Message &m) {
      std::string root = "another message";
      if (auto *u = std::get_if<csta::UnknownMessage>(&m)) root = u->root;
      result(p, PORTIER_ERR_INTERNAL, 0, "", "unexpected answer to " + p.what + ": " + root);
   }

   void refused(const Pending &p, const csta::CstaError &e) {
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

   void monitor_started(const Pending &p, const csta::Message &m) {
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

   void snapshot_answered(const Pending &p, const csta::Message &m) {
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

   void dnd_answered(const Pending &p, const csta::Message &m) {
      auto *r = std::get_if<csta::GetDoNotDisturbResponse>(&m);
      if (r == nullptr) return unexpected(p, m);
      Features &f = features_of(p.device);
      f.dnd = r->on;
      post(features_record(p.correlation, p.device, f));
      result(p, PORTIER_OK, 0, "", "");
      report_if_changed(p.device);
   }

   Features &features_of(const std::string &device) {
      auto mon = monitors.find(device);
      if (mon != monitors.end()) return mon->second.model.features;
      if (features.size() >= kMaxFeatureCache && features.count(device) == 0) features.clear();
      return features[device];
   }

   void report_if_changed(const std::string &device) {
      auto mon = monitors.find(device);
      if (mon != monitors.end()) report_if_changed(*mon);
   }

   void report_if_changed(Monitors::value_type &mon) {
      DeviceModel &model = mon.second.model;
      const DeviceState now_state = derive(model);
      if (now_state == model.reported) return;
      model.reported = now_state;
      post(device_record(0, mon.first, now_state));
   }

   // ---- events (invoke id 9999), routed by monitorCrossRefID ----

   Monitors::value_type *monitor_of(const std::string &cross_ref) const {
      auto it = by_xref.find(cross_ref);
      return it == by_xref.end() ? nullptr : &*it->second;
   }

   void on_event(csta::Message &m) {
      if (auto *e = std::get_if<csta::CallEvent>(&m)) {
         auto *mon = monitor_of(e->cross_ref_id);
         if (mon == nullptr || map_call_event(e->kind) == 0) return;
         apply(mon->second.model, *e);
         post(call_record(0, mon->first, *e));
         return report_if_changed(*mon);
      }
      if (auto *e = std::get_if<csta::ForwardingEvent>(&m)) {
         auto *mon = monitor_of(e->cross_ref_id);
         if (mon == nullptr) return;
         Features &f = mon->second.model.features;
         apply(f, csta::ForwardingItem{e->forwarding_type, e->on, e->forward_to, 0});
         post(features_record(0, mon->first, f));
         return report_if_changed(*mon);
      }
      if (auto *e = std::get_if<csta::DoNotDisturbEvent>(&m)) {
         auto *mon = monitor_of(e->cross_ref_id);
         if (mon == nullptr) return;
         Features &f = mon->second.model.features;
         f.dnd = e->on;
         post(features_record(0, mon->first, f));
         return report_if_changed(*mon);
      }
      const bool out = std::holds_alternative<csta::OutOfServiceEvent>(m);
      if (out || std::holds_alternative<csta::BackInServiceEvent>(m)) {
         const std::string &xref = out ? std::get<csta::OutOfServiceEvent>(m).cross_ref_id
                                       : std::get<csta::BackInServiceEvent>(m).cross_ref_id;
         auto *mon = monitor_of(xref);
         if (mon == nullptr) return;
         mon->second.model.out_of_service = out;
         return report_if_changed(*mon);
      }
   }

   // ---- commands from the engine ----

   void execute(const Command &c) {
      Pending p{c.op, Internal::none, c.correlation, c.device, "", 0};
      if (phase != Phase::ready) return result(p, PORTIER_ERR_UNAVAILABLE, 0, "", "link down");
      if (c.op == Command::Op::monitor_start) {
         auto mon = monitors.find(c.device);
         if (mon != monitors.end() && !mon->second.cross_ref.empty()) return result(p, PORTIER_OK, 0, "", "");
      }
      if (c.op == Command::Op::monitor_stop) {
         auto mon = monitors.find(c.device);
         if (mon == monitors.end()) return result(p, PORTIER_ERR_NOT_FOUND, 0, "", "not monitored");
         if (mon->second.cross_ref.empty()) {
            monitors.erase(mon);
            return result(p, PORTIER_OK, 0, "", "");
         }
         p.what = "MonitorStop";
         return request(csta::build(csta::MonitorStop{mon->second.cross_ref}), std::move(p));
      }
      CommandRequest built = command_request(c);
      p.what = std::move(built.what);
      request(built.xml, std::move(p));
   }

   void shutdown() {
      ++generation;
      lookup.cancel();
      stop_timer.cancel();
      boost::system::error_code ignored;
      socket.close(ignored);
      link.up_.store(false);
      work.reset();
      io.stop();
   }
};

Link::Link(Host host, Config config) : state_(std::make_unique<State>(*this, host, std::move(config))) {
   // settings.monitor: known monitors from the start, so ready() establishes them like any
   // monitor after a reconnect (correlation 0: DEVICE events, no RESULT)
   for (const std::string &device : state_->config.monitor) state_->monitors[device];
}

Link::~Link() { stop(); }

void Link::start() {
   State &s = *state_;
   if (s.thread.joinable()) return;
   s.batch = EventBatch(s.host);
   (void)s.host.report_state(PORTIER_STATE_STOPPED, "connecting to " + s.endpoint());
   asio::post(s.io, [&s] { s.connect(); });
   s.thread = std::thread([&s] {
      // an exception here is a bug; log it rather than take the host down
      auto run = [&s] { s.io.run(); };
      s.host.call_guarded("pbx.osv I/O thread", run);
   });
}

void Link::stop() {
   State &s = *state_;
   if (!s.thread.joinable()) return;
   asio::post(s.io, [&s] { s.begin_stop(); });
   s.thread.join();
}

portier_status Link::submit(Command cmd, portier_error *err) {
   auto fail = [err](portier_status status, std::string_view message) {
      detail::write_error(err, 0, {message});
      return status;
   };
   if (!up_.load()) return fail(PORTIER_ERR_UNAVAILABLE, "pbx.osv: link to the PBX is down");
   if (queued_.load() >= kMaxQueued) return fail(PORTIER_ERR_BUSY, "pbx.osv: command queue full");
   ++queued_;
   State &s = *state_;
   asio::post(s.io, [this, &s, c = std::move(cmd)] {
      --queued_;
      s.execute(c);
   });
   return PORTIER_PENDING;
}

void Link::tick() {
   State &s = *state_;
   asio::post(s.io, [&s] { s.tick(); });
}

}  // namespace portier::osv
