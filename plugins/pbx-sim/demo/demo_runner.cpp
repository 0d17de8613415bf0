// SPDX-License-Identifier: GPL-3.0-or-later
#include "demo/demo_runner.h"

namespace portier::pbxsim {
namespace {
constexpr std::chrono::milliseconds kStep{200};
}

DemoRunner::DemoRunner(boost::asio::io_context &io, Office &office, CstaServer &server, const OfficeSpec &spec,
                       TrafficOptions options, SimLog log)
    : office_(office), server_(server), traffic_(spec, options), log_(std::move(log)), timer_(io) {}

DemoRunner::~DemoRunner() {
   *alive_ = false;
   timer_.cancel();
}

void DemoRunner::start() {
   timer_.expires_after(std::chrono::milliseconds(0));
   timer_.async_wait([this, alive = alive_](const boost::system::error_code &ec) {
      if (!ec && *alive) tick();
   });
}

void DemoRunner::tick() {
   traffic_.step(office_, office_.now_ms(), log_);
   server_.flush_events();
   timer_.expires_after(kStep);
   timer_.async_wait([this, alive = alive_](const boost::system::error_code &ec) {
      if (!ec && *alive) tick();
   });
}

}  // namespace portier::pbxsim
