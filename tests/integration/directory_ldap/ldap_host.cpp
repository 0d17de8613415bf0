// SPDX-License-Identifier: GPL-3.0-or-later
#include "ldap_host.h"

#include <cstring>

namespace test {

LdapHost::LdapHost() {
   table.struct_size = sizeof table;
   table.abi_major = PORTIER_ABI_MAJOR;
   table.abi_minor = PORTIER_ABI_MINOR;
   table.ctx = reinterpret_cast<portier_host_ctx *>(this);
   table.core_version = "1.0.0";
   table.log = &LdapHost::log;
   table.now_us = &LdapHost::now;
   table.post_event = &LdapHost::post;
   table.report_state = &LdapHost::report;
   table.is_engine_thread = &LdapHost::engine_thread;
   table.secret_get = &LdapHost::secret;
}

void PORTIER_ABI LdapHost::log(portier_host_ctx *ctx, std::int32_t level, portier_str msg) {
   LdapHost &h = self(ctx);
   const std::lock_guard<std::mutex> lock(h.mu_);
   h.logs_.push_back(std::to_string(level) + " " + std::string(msg.data == nullptr ? "" : msg.data, msg.size));
}

std::int64_t PORTIER_ABI LdapHost::now(portier_host_ctx *) { return 1'000'000; }

portier_status PORTIER_ABI LdapHost::post(portier_host_ctx *ctx, const portier_event_header *ev) {
   LdapHost &h = self(ctx);
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

portier_status PORTIER_ABI LdapHost::report(portier_host_ctx *ctx, std::int32_t state, portier_str reason) {
   LdapHost &h = self(ctx);
   const std::lock_guard<std::mutex> lock(h.mu_);
   h.states_.emplace_back(state, std::string(reason.data == nullptr ? "" : reason.data, reason.size));
   return PORTIER_OK;
}

bool PORTIER_ABI LdapHost::engine_thread(portier_host_ctx *ctx) {
   return std::this_thread::get_id() == self(ctx).engine_;
}

// The map is filled before the plugin starts, so reading it from the import thread is safe.
portier_status PORTIER_ABI LdapHost::secret(portier_host_ctx *ctx, const char *name, char *buf, std::size_t *size) {
   LdapHost &h = self(ctx);
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

bool LdapHost::wait_ready(std::uint64_t correlation, portier_directory_event &out, std::chrono::milliseconds limit) {
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

std::vector<std::pair<std::int32_t, std::string>> LdapHost::states() {
   const std::lock_guard<std::mutex> lock(mu_);
   return states_;
}

std::vector<std::string> LdapHost::logs() {
   const std::lock_guard<std::mutex> lock(mu_);
   return logs_;
}

}  // namespace test
