// SPDX-License-Identifier: GPL-3.0-or-later
#include "control/control_session.h"

#include <exception>

#include <boost/asio/buffer.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/write.hpp>

#include "control/request_check.h"

namespace portier::control {

namespace asio = boost::asio;

ControlSession::ControlSession(asio::local::stream_protocol::socket socket,
                               std::shared_ptr<const Handler> handler)
    : socket_(std::move(socket)), timer_(socket_.get_executor()), handler_(std::move(handler)) {}

void ControlSession::start() {
   arm_timer();
   // The buffer's limit is the request bound: a full buffer without '\n' ends with not_found.
   asio::async_read_until(socket_, asio::dynamic_buffer(input_, kMaxRequestBytes), '\n',
                          [self = shared_from_this()](const boost::system::error_code &ec,
                                                      std::size_t n) { self->on_read(ec, n); });
}

void ControlSession::cancel() {
   answered_ = true;
   boost::system::error_code ignored;
   timer_.cancel();
   socket_.close(ignored);
}

// One timer guards both directions: a client that sends nothing, or reads nothing, is dropped.
void ControlSession::arm_timer() {
   timer_.expires_after(kRequestTimeout);
   timer_.async_wait([self = shared_from_this()](const boost::system::error_code &ec) {
      if (ec) return;  // cancelled or re-armed
      boost::system::error_code ignored;
      self->socket_.close(ignored);
   });
}

void ControlSession::on_read(const boost::system::error_code &ec, std::size_t line_end) {
   if (!socket_.is_open()) return;  // timed out or cancelled
   if (!ec) {
      dispatch(std::string_view(input_).substr(0, line_end - 1));
      return;
   }
   if (ec == asio::error::not_found) {
      send(error_answer("request exceeds " + std::to_string(kMaxRequestBytes / 1024) +
                        " KiB"));
      return;
   }
   // A client may end its request by shutting down its side instead of sending '\n'.
   if (ec == asio::error::eof && !input_.empty()) {
      dispatch(input_);
      return;
   }
   timer_.cancel();
   boost::system::error_code ignored;
   socket_.close(ignored);
}

void ControlSession::dispatch(std::string_view line) {
   timer_.cancel();
   auto checked = check_request(line);
   if (auto *bad = std::get_if<RequestError>(&checked)) {
      send(error_answer(bad->message));
      return;
   }
   const auto &request = std::get<nlohmann::json>(checked);
   Reply reply = [self = shared_from_this()](nlohmann::json answer) { self->send(answer); };
   // The handler is our own code, but a throw must not escape into the engine loop.
   try {
      (*handler_)(request, std::move(reply));
   } catch (const std::exception &e) {
      send(error_answer(std::string("internal error: ") + e.what()));
   } catch (...) {
      send(error_answer("internal error"));
   }
}

void ControlSession::send(const nlohmann::json &answer) {
   if (answered_ || !socket_.is_open()) return;
   answered_ = true;
   // Replace rather than throw on invalid UTF-8 in plugin-supplied text.
   output_ = answer.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
   output_ += '\n';
   arm_timer();
   asio::async_write(socket_, asio::buffer(output_),
                     [self = shared_from_this()](const boost::system::error_code &, std::size_t) {
                        self->timer_.cancel();
                        boost::system::error_code ignored;
                        self->socket_.shutdown(asio::socket_base::shutdown_both, ignored);
                        self->socket_.close(ignored);
                     });
}

}  // namespace portier::control
