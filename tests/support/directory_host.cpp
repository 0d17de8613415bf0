// SPDX-License-Identifier: GPL-3.0-or-later
#include "directory_host.h"

#include <cstring>

namespace test {

DirectoryHost::DirectoryHost() {
   table.struct_size = sizeof table;
   table.abi_major = PORTIER_ABI_MAJOR;
   table.abi_minor = PORTIER_ABI_MINOR;
   table.ctx = reinterpret_cast<portier_host_ctx *>(this);
   table.core_version = "1.0.0";
   table.log = &DirectoryHost::log;
   table.now_us = &DirectoryHost::now;
   table.post_event = &DirectoryHost::post;
   table.report_state = &DirectoryHost::report;
   table.is_engine_thread = &DirectoryHost::engine_thread;
   table.secret_get = &DirectoryHost::secret;
}

void PORTIER_ABI DirectoryHost::log(portier_host_ctx *ctx, std::int32_t level, portier_str msg) {
   DirectoryHost &h = self(ctx);
   const std::lock_guard<std::mutex> lock(h.mu_);
   h.logs_.push_back(std::to_string(level) + " " + std::string(msg.data == nullptr ? "" : msg.data, msg.size));
}

std::int64_t PORTIER_ABI DirectoryHost::now(portier_host_ctx *ctx) { return self(ctx).clock_us.load(); }

portier_status PORTIER_ABI DirectoryHost::post(portier_host_ctx *ctx, const portier_event_header *ev) {
   DirectoryHost &h = self(ctx);
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

portier_status PORTIER_ABI DirectoryHost::report(portier_host_ctx *ctx, std::int32_t state, portier_str reason) {
   DirectoryHost &h = self(ctx);
   const std::lock_guard<std::mutex> lock(h.mu_);
   h.states_.emplace_back(state, std::string(reason.data == nullptr ? "" : reason.data, reason.size));
   return PORTIER_OK;
}

bool PORTIER_ABI DirectoryHost::engine_thread(portier_host_ctx *ctx) {
   return std::this_thread::get_id() == self(ctx).engine_;
}

// The map is filled before the plugin starts, so reading it from the import thread is safe.
portier_status PORTIER_ABI DirectoryHost::secret(portier_host_ctx *ctx, const char *name, char *buf, std::size_t *size) {
   DirectoryHost &h = self(ctx);
   const auto found = h.secrets.find(name == nullptr ? "" : name);
   if (found == h.secrets.end()) return PORTIER_ERR_NOT_FOUND;
   const std::size_t needed = found->second.size() + 1;
   if (*size < needed) {
      *size = needed;
      return PORTIER_ERR_TOO_SMALL;
   }
   std::memcpy(buf, found->second.c_str(), needed);
   *size = needed;
   return PORTIER_OK;
}

bool DirectoryHost::wait_ready(std::uint64_t correlation, portier_directory_event &out, std::chrono::milliseconds limit) {
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

std::vector<portier_directory_event> DirectoryHost::ready_events() {
   const std::lock_guard<std::mutex> lock(mu_);
   return ready_;
}

std::vector<std::pair<std::int32_t, std::string>> DirectoryHost::states() {
   const std::lock_guard<std::mutex> lock(mu_);
   return states_;
}

std::vector<std::string> DirectoryHost::logs() {
   const std::lock_guard<std::mutex> lock(mu_);
   return logs_;
}

}  // namespace test
