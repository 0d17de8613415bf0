// SPDX-License-Identifier: GPL-3.0-or-later
// One console of a logged-on session on a WebSocket: its frames go to the hub (scoped to the
// session), what the hub sends it waits in a bounded queue that one writer drains. Log-off and
// expiry close it once the queue is sent (1000 "logged off", 1008 "session expired"). A console that lets the queue overflow is closed with a reason
// (1008 "console too slow ...") and, should it not even read that, dropped a few seconds later.
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "net.h"
#include "send_queue.h"

namespace portier::web {
namespace {

constexpr std::chrono::seconds kSlowConsoleGrace{5};  // a stuck write after an overflow ends then

}  // namespace

// Not in an anonymous namespace: coroutine frames of functions with external linkage hold them.
namespace wire {

class ConsoleSession final : public ConsoleOutbox, public std::enable_shared_from_this<ConsoleSession> {
public:
   ConsoleSession(ServerContext &ctx, WireStream stream, Scope scope)
       : ctx_(ctx),
         scope_(std::move(scope)),
         ws_(std::move(stream)),
         wake_(ws_.get_executor()),
         queue_(static_cast<std::size_t>(ctx.settings.limits.queued_messages)) {}

   // [I/O thread]
   void send(Message m) override {
      if (done_) return;
      if (!queue_.push(std::move(m)) && !closing_) {
         closing_ = true;
         ctx_.host.warn("client.web: console " + std::to_string(console_) + " is too slow (more than " +
                        std::to_string(queue_.max()) + " messages waiting); closing it");
         beast::get_lowest_layer(ws_).expires_after(kSlowConsoleGrace);
      }
      wake_.cancel();
   }

   // [I/O thread]
   void close(std::uint16_t code, std::string reason) override {
      if (done_ || close_) return;
      websocket::close_reason why;
      why.code = code;
      why.reason = std::move(reason);
      close_ = std::move(why);
      wake_.cancel();
   }

   Task<> run(Request request) {
      auto self = shared_from_this();
      beast::get_lowest_layer(ws_).expires_never();
      ws_.set_option(websocket::stream_base::timeout::suggested(beast::role_type::server));
      ws_.set_option(websocket::stream_base::decorator(
          [](websocket::response_type &res) { res.set(http::field::server, "Portier client.web"); }));
      ws_.read_message_max(static_cast<std::size_t>(ctx_.settings.limits.message_bytes));
      ws_.text(true);
      beast::error_code ec;
      co_await ws_.async_accept(request, asio::redirect_error(kAwait, ec));
      if (ec) co_return;
      console_ = ctx_.hub.join(std::weak_ptr<ConsoleOutbox>(self), scope_);
      ctx_.host.debug("client.web: console " + std::to_string(console_) + " connected");
      asio::co_spawn(ws_.get_executor(), [self]() { return self->write_loop(); }, asio::detached);

      beast::flat_buffer buffer;
      for (;;) {
         buffer.clear();
         co_await ws_.async_read(buffer, asio::redirect_error(kAwait, ec));
         if (ec) break;
         if (close_) continue;  // closing: the console's last frames are not acted on
         // Every frame keeps the session alive; one that ended meanwhile closes the console.
         if (ctx_.sessions.touch(scope_.session, std::chrono::steady_clock::now()) == nullptr) {
            close(static_cast<std::uint16_t>(websocket::close_code::policy_error), "session expired");
            continue;
         }
         if (!ws_.got_text()) {
            ctx_.hub.on_binary_frame(console_);
            continue;
         }
         const auto data = buffer.data();
         ctx_.hub.on_frame(console_, std::string_view(static_cast<const char *>(data.data()), data.size()));
      }
      // closed by the console, too big a message (Beast closed with 1009), a timeout, or a reset
      if (ec != websocket::error::closed) {
         ctx_.host.debug("client.web: console " + std::to_string(console_) + " left: " + ec.message());
      }
      done_ = true;
      ctx_.hub.leave(console_);
      wake_.cancel();
   }

private:
   Task<> write_loop() {
      auto self = shared_from_this();
      beast::error_code ec;
      while (!done_) {
         if (queue_.overflowed()) {
            ctx_.metrics.console_dropped();
            const websocket::close_reason reason(
                websocket::close_code::policy_error,
                "console too slow: more than " + std::to_string(queue_.max()) + " messages waiting");
            co_await ws_.async_close(reason, asio::redirect_error(kAwait, ec));
            break;
         }
         Message m = queue_.pop();
         if (!m && close_) {
            // The reader ends when the console answers the close (or Beast's close timeout).
            co_await ws_.async_close(*close_, asio::redirect_error(kAwait, ec));
            co_return;
         }
         if (!m) {
            wake_.expires_at(std::chrono::steady_clock::time_point::max());
            co_await wake_.async_wait(asio::redirect_error(kAwait, ec));
            continue;
         }
         co_await ws_.async_write(asio::buffer(*m), asio::redirect_error(kAwait, ec));
         if (ec) break;
      }
      if (!done_) {  // the writer failed first: make the reader stop too
         beast::error_code ignored;
         beast::get_lowest_layer(ws_).socket().shutdown(Socket::shutdown_both, ignored);
      }
   }

   ServerContext &ctx_;
   Scope scope_;
   websocket::stream<WireStream> ws_;
   SteadyTimer wake_;
   SendQueue queue_;
   std::uint64_t console_ = 0;
   bool done_ = false;     // the reader ended: nothing more is queued or written
   bool closing_ = false;  // the queue overflowed: the close frame is on its way
   std::optional<websocket::close_reason> close_;  // to send once the queue is empty (log-off, expiry)
};

Task<> run_console_on(ServerContext &ctx, WireStream stream, Request request, Scope scope) {
   auto session = std::make_shared<ConsoleSession>(ctx, std::move(stream), std::move(scope));
   co_await session->run(std::move(request));
}

}  // namespace wire

Task<> run_console(ServerContext &ctx, WireStream stream, Request request, Scope scope) {
   return wire::run_console_on(ctx, std::move(stream), std::move(request), std::move(scope));
}

}  // namespace portier::web
