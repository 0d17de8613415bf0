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
      close_all();
   });
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
   if (std::holds_alternative<csta::SystemStatus>(message)) {
      return send(s, invoke_id, csta::build(csta::SystemStatusResponse{}));
   }
   // Answers from the client to nothing we asked, and events, need no reply.
   if (invoke_id == csta::kEventInvokeId || std::holds_alternative<csta::EmptyResponse>(message) ||
       std::holds_alternative<csta::CstaError>(message)) {
      return;
   }
   if (!s->greeted) {  // the session begins with the answer to our SystemStatus (1.4)
      return send(s, invoke_id, csta::build(csta::CstaError{"operation", "generic"}));
   }
   if (std::holds_alternative<csta::SystemRegister>(message)) {
      return send(s, invoke_id, csta::build(csta::SystemRegisterResponse{std::to_string(s->id)}));
   }
   Answer answer = answer_request(office_, message);
   if (!answer.monitor_started.empty()) owners_[answer.monitor_started] = s->id;
   if (!answer.monitor_stopped.empty()) owners_.erase(answer.monitor_stopped);
   if (!answer.xml.empty()) send(s, invoke_id, answer.xml);
   flush_events();
}

void CstaServer::flush_events() {
   for (const OfficeEvent &event : office_.drain_events()) {
      auto owner = owners_.find(cross_ref_of(event));
      if (owner == owners_.end()) continue;
      auto s = sessions_.find(owner->second);
      if (s == sessions_.end()) continue;
      send(s->second, csta::kEventInvokeId, event_xml(event));
   }
}

void CstaServer::send(const std::shared_ptr<Session> &s, std::uint16_t invoke_id, const std::string &xml) {
   if (!s->open) return;
   auto frame = csta::encode_frame(invoke_id, xml);
   if (!frame) return;  // above the 64 KiB frame limit; nothing the office produces gets there
   s->outgoing.push_back(std::move(*frame));
   if (!s->writing) write_next(s);
}

void CstaServer::write_next(const std::shared_ptr<Session> &s) {
   if (s->outgoing.empty() || !s->open) {
      s->writing = false;
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

void CstaServer::close(const std::shared_ptr<Session> &s) {
   if (!s->open) return;
   s->open = false;
   boost::system::error_code ignored;
   s->socket.shutdown(tcp::socket::shutdown_both, ignored);
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
