// SPDX-License-Identifier: GPL-3.0-or-later
// Link's own members: hand work to the I/O thread (link_state.h) and start and stop it.
#include "link_state.h"

#include <chrono>
#include <thread>

namespace portier::osv {


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
