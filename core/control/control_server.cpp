// SPDX-License-Identifier: GPL-3.0-or-later
#include "control/control_server.h"

#include <vector>

#include <boost/asio/local/stream_protocol.hpp>
#include <boost/asio/steady_timer.hpp>
#include <fcntl.h>
#include <sys/stat.h>

#include "control/control_session.h"
#include "control/socket_file.h"

namespace portier::control {

namespace asio = boost::asio;
using stream = asio::local::stream_protocol;

namespace {

constexpr int kBacklog = 16;
// After an accept error such as EMFILE, wait before retrying instead of spinning.
constexpr std::chrono::milliseconds kAcceptRetry{200};

void set_cloexec(int fd) { ::fcntl(fd, F_SETFD, ::fcntl(fd, F_GETFD) | FD_CLOEXEC); }

}  // namespace

struct ControlServer::State {
   explicit State(asio::io_context &io) : acceptor(io), retry(io) {}

   stream::acceptor acceptor;
   asio::steady_timer retry;
   std::shared_ptr<const Handler> handler;
   std::vector<std::weak_ptr<ControlSession>> sessions;
   FileIdentity socket_file;
   bool closed = false;
};

namespace {

void accept_next(const std::shared_ptr<ControlServer::State> &state);

void track(ControlServer::State &state, const std::shared_ptr<ControlSession> &session) {
   std::erase_if(state.sessions, [](const auto &weak) { return weak.expired(); });
   state.sessions.push_back(session);
}

void on_accept(const std::shared_ptr<ControlServer::State> &state,
               const boost::system::error_code &ec, stream::socket socket) {
   if (state->closed || ec == asio::error::operation_aborted) return;
   if (ec) {
      state->retry.expires_after(kAcceptRetry);
      state->retry.async_wait([state](const boost::system::error_code &wait_ec) {
         if (!wait_ec && !state->closed) accept_next(state);
      });
      return;
   }
   set_cloexec(socket.native_handle());
   auto session = std::make_shared<ControlSession>(std::move(socket), state->handler);
   track(*state, session);
   session->start();
   accept_next(state);
}

void accept_next(const std::shared_ptr<ControlServer::State> &state) {
   state->acceptor.async_accept(
       [state](const boost::system::error_code &ec, stream::socket socket) {
          on_accept(state, ec, std::move(socket));
       });
}

}  // namespace

ControlServer::ControlServer(std::filesystem::path path, std::shared_ptr<State> state)
    : path_(std::move(path)), state_(std::move(state)) {}

ControlServer::~ControlServer() { close(); }

std::unique_ptr<ControlServer> ControlServer::open(asio::io_context &io,
                                                   const std::filesystem::path &socket_path,
                                                   Handler handler, std::string &error) {
   if (!handler) {
      error = "control server needs a request handler";
      return nullptr;
   }
   if (!prepare_socket_path(socket_path, error)) return nullptr;

   auto state = std::make_shared<State>(io);
   state->handler = std::make_shared<const Handler>(std::move(handler));
   boost::system::error_code ec;
   const auto fail = [&](const char *what) {
      error = std::string("cannot ") + what + " control socket " + socket_path.string() + ": " +
              ec.message();
      boost::system::error_code ignored;
      state->acceptor.close(ignored);
      return nullptr;
   };
   state->acceptor.open(stream(), ec);
   if (ec) return fail("open");
   set_cloexec(state->acceptor.native_handle());
   state->acceptor.bind(stream::endpoint(socket_path.string()), ec);
   if (ec) return fail("bind");
   // Narrow the mode before listen(): until then no client can connect.
   if (::chmod(socket_path.c_str(), 0600) != 0) {
      ec.assign(errno, boost::system::system_category());
      ::unlink(socket_path.c_str());
      return fail("restrict");
   }
   if (const auto id = identity_of(socket_path)) state->socket_file = *id;
   state->acceptor.listen(kBacklog, ec);
   if (ec) {
      ::unlink(socket_path.c_str());
      return fail("listen on");
   }
   accept_next(state);
   return std::unique_ptr<ControlServer>(new ControlServer(socket_path, std::move(state)));
}

void ControlServer::close() {
   if (!state_ || state_->closed) return;
   state_->closed = true;
   boost::system::error_code ignored;
   state_->acceptor.close(ignored);
   state_->retry.cancel();
   for (const auto &weak : state_->sessions) {
      if (auto session = weak.lock()) session->cancel();
   }
   state_->sessions.clear();
   remove_if_same(path_, state_->socket_file);
}

}  // namespace portier::control
