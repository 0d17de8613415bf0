// SPDX-License-Identifier: GPL-3.0-or-later
#include "fake_host.h"

#include <cstring>

namespace test {

FakeHost::FakeHost() {
   table.struct_size = sizeof table;
   table.abi_major = PORTIER_ABI_MAJOR;
   table.abi_minor = PORTIER_ABI_MINOR;
   table.ctx = reinterpret_cast<portier_host_ctx *>(this);
   table.core_version = "1.0.0";
   table.log = &FakeHost::log;
   table.now_us = &FakeHost::now;
   table.post_event = &FakeHost::post;
   table.report_state = &FakeHost::report;
   table.is_engine_thread = &FakeHost::engine_thread;
}

void PORTIER_ABI FakeHost::log(portier_host_ctx *ctx, std::int32_t level, portier_str msg) {
   FakeHost &h = self(ctx);
   const std::lock_guard<std::mutex> lock(h.mu_);
   h.logs_.push_back(std::to_string(level) + " " + std::string(msg.data == nullptr ? "" : msg.data, msg.size));
}

std::int64_t PORTIER_ABI FakeHost::now(portier_host_ctx *ctx) { return self(ctx).clock_us.load(); }

portier_status PORTIER_ABI FakeHost::post(portier_host_ctx *ctx, const portier_event_header *ev) {
   FakeHost &h = self(ctx);
   if (h.busy_posts.load() > 0) {
      --h.busy_posts;
      return PORTIER_ERR_BUSY;
   }
   if (ev == nullptr || ev->space != PORTIER_SPACE_DIRECTORY || ev->type != PORTIER_DIRECTORY_EV_READY ||
       ev->struct_size != sizeof(portier_directory_event)) {
      return PORTIER_ERR_INVALID;
   }
   portier_directory_event copy;
   std::memcpy(&copy, ev, sizeof copy);
   const std::lock_guard<std::mutex> lock(h.mu_);
   h.ready_.push_back(copy);
   h.changed_.notify_all();
   return PORTIER_OK;
}

portier_status PORTIER_ABI FakeHost::report(portier_host_ctx *ctx, std::int32_t state, portier_str reason) {
   FakeHost &h = self(ctx);
   const std::lock_guard<std::mutex> lock(h.mu_);
   h.states_.emplace_back(state, std::string(reason.data == nullptr ? "" : reason.data, reason.size));
   return PORTIER_OK;
}

bool PORTIER_ABI FakeHost::engine_thread(portier_host_ctx *ctx) {
   return std::this_thread::get_id() == self(ctx).engine_;
}

bool FakeHost::wait_ready(std::uint64_t correlation, portier_directory_event &out, std::chrono::milliseconds limit) {
   std::unique_lock<std::mutex> lock(mu_);
   return changed_.wait_for(lock, limit, [&] {
      for (const auto &ev : ready_) {
         if (ev.header.correlation == correlation) {
            out = ev;
            return true;
         }
      }
      return false;
   });
}

std::vector<portier_directory_event> FakeHost::ready_events() {
   const std::lock_guard<std::mutex> lock(mu_);
   return ready_;
}

std::vector<std::pair<std::int32_t, std::string>> FakeHost::states() {
   const std::lock_guard<std::mutex> lock(mu_);
   return states_;
}

std::vector<std::string> FakeHost::logs() {
   const std::lock_guard<std::mutex> lock(mu_);
   return logs_;
}

}  // namespace test
