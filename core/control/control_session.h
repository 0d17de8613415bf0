// SPDX-License-Identifier: GPL-3.0-or-later
// One control connection: read one request line, hand it on, write one answer, close.
#pragma once

#include <memory>
#include <string>

#include <boost/asio/local/stream_protocol.hpp>
#include <boost/asio/steady_timer.hpp>

#include "control/control_server.h"

namespace portier::control {

class ControlSession : public std::enable_shared_from_this<ControlSession> {
 public:
   ControlSession(boost::asio::local::stream_protocol::socket socket,
                  std::shared_ptr<const Handler> handler);

   // [engine] Starts reading; the pending operations keep the session alive.
   void start();
   // [engine] Drops the connection; a later Reply call does nothing.
   void cancel();

 private:
   void on_read(const boost::system::error_code &ec, std::size_t line_end);
   void dispatch(std::string_view line);
   void send(const nlohmann::json &answer);
   void arm_timer();

   boost::asio::local::stream_protocol::socket socket_;
   boost::asio::steady_timer timer_;
   std::shared_ptr<const Handler> handler_;
   std::string input_;
   std::string output_;
   bool answered_ = false;
};

}  // namespace portier::control
