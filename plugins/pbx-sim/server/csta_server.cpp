// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/csta_server.h"

#include <array>
#include <deque>
#include <variant>

#include <portier/csta/builders.h>
#include <portier/csta/framing.h>
#include <portier/csta/parser.h>
#include <portier/csta/server_builders.h>

#include "server/event_frames.h"
#include "server/request_answers.h"

namespace portier::pbxsim {

namespace asio = boost::asio;
using asio::ip::tcp;

namespace {
constexpr std::uint16_t kGreetingInvokeId = 1;  // our SystemStatus that opens each connection
constexpr std::size_t kReadChunk = 16384;
constexpr std::size_t kMaxRules = 1000;  // the oldest goes when a script piles up more
}  // namespace

struct CstaServer::Session {
   explicit Session(asio::io_context &io) : socket(io) {}
   std::uint64_t id = 0;
   tcp::socket socket;
   csta::FrameReader reader;
   csta::Parser parser;
   std::array<char, kReadChunk> buffer{};
   std::deque<std::string> outgoing;
   bool writing = false;
   bool open = true;
   bool greeted = false;  // the client answered our SystemStatus
   bool closing = false;  // a truncated frame is queued: nothing after it, close once written
};

CstaServer::CstaServer(asio::io_context &io, Office &office, CstaServerOptions options)
    : io_(io), office_(office), options_(options), acceptor_(io), timer_(io) {
   const tcp::endpoint endpoint(asio::ip::make_address("127.0.0.1"), options_.port);
   acceptor_.open(endpoint.protocol());
   acceptor_.set_option(tcp::acceptor::reuse_address(true));
   acceptor_.bind(endpoint);
   acceptor_.listen();
   port_ = acceptor_.local_endpoint().port();
   last_tick_ = std::chrono::steady_clock::now();
   asio::post(io_, [this, alive = alive_] {
      if (!*alive) return;
      accept();
      tick();
   });
}

CstaServer::~CstaServer() {
   // The caller has stopped the io_context or runs on it: no handler of ours runs concurrently.
   *alive_ = false;
   boost::system::error_code ignored;
   acceptor_.close(ignored);
   timer_.cancel();
   for (auto &[id, s] : sessions_) s->socket.close(ignored);
   delayed_.clear();  // cancels the timers; their handlers see alive_ false
}

void CstaServer::drop_all_connections() {
   asio::post(io_, [this, alive = alive_] {
      if (*alive) close_all();
   });
}

void CstaServer::stop() {
   asio::post(io_, [this, alive = alive_] {
      if (!*alive) return;
      boost::system::error_code ignored;
      acceptor_.close(ignored);
      timer_.cancel();
      delayed_.clear();
      close_all();
   });
}

void CstaServer::inject(Fault fault) {
   asio::post(io_, [this, alive = alive_, fault = std::move(fault)] {
      if (*alive) apply(fault);
   });
}

void CstaServer::apply(const Fault &fault) {
   switch (fault.kind) {
   case FaultKind::error:
   case FaultKind::delay:
   case FaultKind::drop:
      if (rules_.size() >= kMaxRules) rules_.erase(rules_.begin());
      rules_.push_back(fault);
      return;
   case FaultKind::clear:
      rules_.clear();
      noise_ = false;
      return;
   case FaultKind::noise: noise_ = fault.on; return;
   case FaultKind::reset: {
      auto sessions = sessions_;  // close() edits the map
      for (auto &[id, s] : sessions) close(s, true);
      return;
   }
   case FaultKind::oversized:
   case FaultKind::malformed:
   case FaultKind::truncated: {
      const std::string bytes = fault.kind == FaultKind::oversized   ? oversized_frame()
                                : fault.kind == FaultKind::malformed ? malformed_frame()
                                                                     : truncated_frame();
      for (auto &[id, s] : sessions_) {
         send_raw(s, bytes);
         if (fault.kind == FaultKind::truncated) s->closing = true;
      }
      return;
   }
   }
}

std::optional<Fault> CstaServer::take_rule(std::string_view request) {
   for (auto it = rules_.begin(); it != rules_.end(); ++it) {
      if (!fault_matches(it->request, request)) continue;
      Fault used = *it;
      if (it->times != kAlways && --it->times == 0) rules_.erase(it);
      return used;
   }
   return std::nullopt;
}

void CstaServer::accept() {
   acceptor_.async_accept([this, alive = alive_](boost::system::error_code ec, tcp::socket socket) {
      if (!*alive || !acceptor_.is_open()) return;
      if (!ec) {
         auto s = std::make_shared<Session>(io_);
         s->socket = std::move(socket);
         s->id = next_session_++;
         sessions_[s->id] = s;
         send(s, kGreetingInvokeId, csta::build(csta::SystemStatus{}));
         read(s);
      }
      accept();
   });
}

void CstaServer::read(const std::shared_ptr<Session> &s) {
   s->socket.async_read_some(asio::buffer(s->buffer), [this, s, alive = alive_](boost::system::error_code ec,
                                                                                 std::size_t n) {
      if (!*alive || !s->open) return;
      if (ec) return close(s);
      s->reader.feed(std::string_view(s->buffer.data(), n));
      while (s->open) {
         auto frame = s->reader.pop();
         if (!frame) break;
         on_frame(s, frame->invoke_id, frame->xml);
      }
      if (!s->open) return;
      if (s->reader.failed()) return close(s);  // framing is lost; a real PBX drops the link
      read(s);
   });
}

void CstaServer::on_frame(const std::shared_ptr<Session> &s, std::uint16_t invoke_id, std::string_view xml) {
   csta::ParseResult parsed = s->parser.parse(xml);
   if (!parsed) {
      if (invoke_id != csta::kEventInvokeId) {
         send(s, invoke_id, csta::build(csta::CstaError{"operation", "generic"}));
      }
      return;
   }
   const csta::Message &message = *parsed.message;
   if (std::holds_alternative<csta::SystemStatusResponse>(message)) {
      if (!s->greeted && invoke_id != kGreetingInvokeId) return close(s);  // not our greeting's answer
      s->greeted = true;
      return;
   }
   // Answers from the client to nothing we asked, and events, need no reply.
   if (invoke_id == csta::kEventInvokeId || std::holds_alternative<csta::EmptyResponse>(message) ||
       std::holds_alternative<csta::CstaError>(message)) {
      return;
   }
   const std::optional<Fault> rule = take_rule(root_local_name(xml));
   if (rule && rule->kind == FaultKind::error) {
      return send(s, invoke_id, csta::build(csta::CstaError{rule->category, rule->value}));
   }
   // Delayed and dropped answers are for requests carried out: their events still flow.
   std::string reply = answer(s, message);
   if (!reply.empty()) {
      if (!rule) {
         send(s, invoke_id, reply);
      } else if (rule->kind == FaultKind::delay) {
         send_later(s, invoke_id, std::move(reply), std::chrono::milliseconds(rule->delay_ms));
      }
   }
   flush_events();
}

std::string CstaServer::answer(const std::shared_ptr<Session> &s, const csta::Message &message) {
   if (std::holds_alternative<csta::SystemStatus>(message)) return csta::build(csta::SystemStatusResponse{});
   if (!s->greeted) {  // the session begins with the answer to our SystemStatus (1.4)
      return csta::build(csta::CstaError{"operation", "generic"});
   }
   if (std::holds_alternative<csta::SystemRegister>(message)) {
      return csta::build(csta::SystemRegisterResponse{std::to_string(s->id)});
   }
   Answer answer = answer_request(office_, message);
   if (!answer.monitor_started.empty()) owners_[answer.monitor_started] = s->id;
   if (!answer.monitor_stopped.empty()) owners_.erase(answer.monitor_stopped);
   return std::move(answer.xml);
}

void CstaServer::flush_events() {
   for (const OfficeEvent &event : office_.drain_events()) {
      auto owner = owners_.find(cross_ref_of(event));
      if (owner == owners_.end()) continue;
      auto s = sessions_.find(owner->second);
      if (s == sessions_.end()) continue;
      send(s->second, csta::kEventInvokeId, noise_ ? with_noise(event_xml(event)) : event_xml(event));
   }
}

void CstaServer::send(const std::shared_ptr<Session> &s, std::uint16_t invoke_id, const std::string &xml) {
   auto frame = csta::encode_frame(invoke_id, xml);
   if (!frame) return;  // above the 64 KiB frame limit; nothing the office produces gets there
   send_raw(s, std::move(*frame));
}

void CstaServer::send_raw(const std::shared_ptr<Session> &s, std::string bytes) {
   if (!s->open || s->closing) return;
   s->outgoing.push_back(std::move(bytes));
   if (!s->writing) write_next(s);
}

void CstaServer::send_later(const std::shared_ptr<Session> &s, std::uint16_t invoke_id, std::string xml,
                            std::chrono::milliseconds delay) {
   const std::uint64_t key = next_delayed_++;
   auto timer = std::make_unique<asio::steady_timer>(io_, delay);
   timer->async_wait([this, s, invoke_id, key, xml = std::move(xml), alive = alive_](boost::system::error_code ec) {
      if (!*alive) return;
      delayed_.erase(key);  // asio moved this handler out of the timer before calling it
      if (!ec) send(s, invoke_id, xml);
   });
   delayed_.emplace(key, std::move(timer));
}

void CstaServer::write_next(const std::shared_ptr<Session> &s) {
   if (s->outgoing.empty() || !s->open) {
      s->writing = false;
      if (s->closing) close(s);  // the truncated frame is out: end it there
      return;
   }
   s->writing = true;
   asio::async_write(s->socket, asio::buffer(s->outgoing.front()),
                     [this, s, alive = alive_](boost::system::error_code ec, std::size_t) {
                        if (!*alive || !s->open) return;
                        if (ec) return close(s);
                        s->outgoing.pop_front();
                        write_next(s);
                     });
}

void CstaServer::close(const std::shared_ptr<Session> &s, bool abort) {
   if (!s->open) return;
   s->open = false;
   boost::system::error_code ignored;
   if (abort) {
      s->socket.set_option(asio::socket_base::linger(true, 0), ignored);  // close sends RST
   } else {
      s->socket.shutdown(tcp::socket::shutdown_both, ignored);
   }
   s->socket.close(ignored);
   sessions_.erase(s->id);
   // Its monitors end with it, as on the PBX when the application link drops.
   for (auto it = owners_.begin(); it != owners_.end();) {
      if (it->second == s->id) {
         office_.monitor_stop(it->first);
         it = owners_.erase(it);
      } else {
         ++it;
      }
   }
   flush_events();
}

void CstaServer::close_all() {
   auto sessions = sessions_;  // close() edits the map
   for (auto &[id, s] : sessions) close(s);
}

void CstaServer::tick() {
   const auto now = std::chrono::steady_clock::now();
   const auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(now - last_tick_);
   if (elapsed.count() > 0) {
      last_tick_ += elapsed;  // keep the sub-millisecond rest for the next tick
      office_.advance(static_cast<std::uint64_t>(elapsed.count()));
   }
   flush_events();
   timer_.expires_after(options_.tick);
   timer_.async_wait([this, alive = alive_](boost::system::error_code ec) {
      if (!*alive || ec) return;
      tick();
   });
}

} // namespace portier::pbxsim
