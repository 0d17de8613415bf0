// SPDX-License-Identifier: GPL-3.0-or-later
// The I/O thread's state of a Link (link.h): everything below is touched on that thread only,
// except what the constructor and Link's own members set up. Its functions are defined by job in
// link_connection.cpp, link_session.cpp, link_answers.cpp, link_events.cpp and link_commands.cpp.
#pragma once

#include "link.h"

#include <algorithm>
#include <array>
#include <deque>
#include <map>
#include <optional>
#include <string_view>
#include <chrono>
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

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

inline constexpr int kMaxQueued = 10000;         // commands handed to the I/O thread, not yet sent
inline constexpr int kMaxMissedHeartbeats = 2;   // then the link counts as dead (the note, 1.4.3)
inline constexpr std::size_t kMaxFeatureCache = 10000;
inline constexpr std::size_t kMaxParked = 65536;    // requests waiting for an invoke id (4 per monitor on a reconnect)

enum class Phase { idle, resolving, connecting, wait_status, registering, session, ready };

// How long stop() waits for the answer to StopApplicationSession. Real time: the host clock may
// stand still while the host stops a plugin.
inline constexpr std::chrono::milliseconds kStopWait{1000};

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
   void connect();
   // A round starts at the first node: the configured host, or what DNS SRV names right now
   // (the list may change between rounds).
   void new_round();
   void resolved(dns::LookupOutcome out);
   void connect_node();
   void connected();
   void read();
   bool send(std::uint16_t invoke_id, const std::string &xml);
   void write_next();
   // Sends a request, or parks it until an invoke id is free: after a reconnect with thousands
   // of monitors the driver asks for more than the 9,999 ids at once.
   void request(const std::string &xml, Pending p);
   // Sends a request with a fresh invoke id and remembers what its answer completes.
   void send_request(std::uint16_t id, const std::string &xml, Pending p);
   // Sends parked requests while invoke ids are free.
   void send_parked();
   void lost(const std::string &reason);
   // Every node of the round failed (or none was found): back off, then a new round.
   void round_failed(const std::string &reason);

   // ---- session ----
   void system_register();
   // After SystemRegister: the application session when configured (1.4), then the monitors.
   void registered();
   void session_started(const csta::Message &m);
   void session_reset(const csta::Message &m);
   // Ends the application session politely before closing, waiting at most kStopWait.
   void begin_stop();
   void ready();
   void tick();
   void expired(const Pending &p);

   // ---- frames from the PBX ----
   void handle_frame(const csta::FrameView &frame);
   void on_answer(std::uint16_t id, csta::Message &m);
   void unexpected(const Pending &p, const csta::Message &m);
   void refused(const Pending &p, const csta::CstaError &e);
   void monitor_started(const Pending &p, const csta::Message &m);
   void snapshot_answered(const Pending &p, const csta::Message &m);
   void dnd_answered(const Pending &p, const csta::Message &m);
   Features &features_of(const std::string &device);
   void report_if_changed(const std::string &device);
   void report_if_changed(Monitors::value_type &mon);

   // ---- events (invoke id 9999), routed by monitorCrossRefID ----
   Monitors::value_type *monitor_of(const std::string &cross_ref) const;
   void on_event(csta::Message &m);

   // ---- commands from the engine ----
   void execute(const Command &c);
   void shutdown();
};

}  // namespace portier::osv
