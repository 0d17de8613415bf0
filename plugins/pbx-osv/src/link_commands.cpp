// SPDX-License-Identifier: GPL-3.0-or-later
// Commands from the engine, turned into CSTA requests on the I/O thread; the shutdown.
#include "link_state.h"

namespace portier::osv {

void Link::State::execute(const Command &c) {
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

void Link::State::shutdown() {
   ++generation;
   lookup.cancel();
   stop_timer.cancel();
   boost::system::error_code ignored;
   socket.close(ignored);
   link.up_.store(false);
   work.reset();
   io.stop();
}

}  // namespace portier::osv
