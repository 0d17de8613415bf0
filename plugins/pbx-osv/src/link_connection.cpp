// SPDX-License-Identifier: GPL-3.0-or-later
// The link's connection: DNS SRV rounds, connecting to a node, reading frames, writing requests
// (invoke ids, parked requests), and losing the link.
#include "link_state.h"

namespace portier::osv {

void Link::State::connect() {
   if (phase != Phase::idle) return;
   reconnect_at_us = -1;
   if (round.empty()) return new_round();
   connect_node();
}

// A round starts at the first node: the configured host, or what DNS SRV names right now
// (the list may change between rounds).
void Link::State::new_round() {
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

void Link::State::resolved(dns::LookupOutcome out) {
   phase = Phase::idle;
   if (!out.error.empty()) return round_failed("cannot find the OpenScape Voice nodes: " + out.error);
   if (!out.notes.empty()) host.warn("DNS SRV for " + config.domain + ": " + out.notes);
   std::string list;
   for (const dns::Node &n : out.nodes) list += (list.empty() ? "" : ", ") + n.label();
   host.info("OpenScape Voice nodes of " + config.domain + " in order: " + list);
   round.reset(std::move(out.nodes));
   connect_node();
}

void Link::State::connect_node() {
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

void Link::State::connected() {
   boost::system::error_code ignored;
   socket.set_option(tcp::no_delay(true), ignored);
   phase = Phase::wait_status;
   malformed_logged = false;
   handshake_deadline_us = now() + config.request_timeout_ms * 1000;
   host.info("connected to " + endpoint() + ", waiting for SystemStatus");
   read();
}

void Link::State::read() {
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

bool Link::State::send(std::uint16_t invoke_id, const std::string &xml) {
   auto frame = csta::encode_frame(invoke_id, xml);
   if (!frame) return false;
   out.push_back(std::move(*frame));
   if (!writing) write_next();
   return true;
}

void Link::State::write_next() {
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

// Sends a request, or parks it until an invoke id is free: after a reconnect with thousands
// of monitors the driver asks for more than the 9,999 ids at once.
void Link::State::request(const std::string &xml, Pending p) {
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

// Sends a request with a fresh invoke id and remembers what its answer completes.
void Link::State::send_request(std::uint16_t id, const std::string &xml, Pending p) {
   p.deadline_us = now() + config.request_timeout_ms * 1000;
   if (!send(id, xml)) {
      ids.release(id);
      return result(p, PORTIER_ERR_INVALID, 0, "", p.what + " too large for one frame");
   }
   pending[id] = std::move(p);
}

// Sends parked requests while invoke ids are free.
void Link::State::send_parked() {
   while (!parked.empty() && phase != Phase::idle) {
      const auto id = ids.acquire();
      if (!id) return;
      auto [xml, p] = std::move(parked.front());
      parked.pop_front();
      send_request(*id, xml, std::move(p));
   }
}

void Link::State::lost(const std::string &reason) {
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
void Link::State::round_failed(const std::string &reason) {
   round.finish();
   phase = Phase::idle;
   host.warn(reason + "; retrying in " + std::to_string(backoff_ms) + " ms");
   reconnect_at_us = now() + backoff_ms * 1000;
   backoff_ms = std::min(backoff_ms * 2, config.reconnect_max_ms);
   (void)host.report_state(PORTIER_STATE_STOPPED, reason);  // last: the retry is already planned
}

}  // namespace portier::osv
