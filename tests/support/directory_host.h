// SPDX-License-Identifier: GPL-3.0-or-later
// A portier_host for driving a directory plugin (directory.csv, directory.ldap) through its C
// ABI: records READY events, states and log lines from any thread and answers secret_get from a
// map; the thread that builds it is the engine thread. No timers or engine callbacks: the
// directory plugins use neither.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <portier/portier.h>

namespace test {

class DirectoryHost {
public:
   DirectoryHost();
   DirectoryHost(const DirectoryHost &) = delete;
   DirectoryHost &operator=(const DirectoryHost &) = delete;

   portier_host table{};
   std::atomic<std::int64_t> clock_us{5'000'000};
   std::atomic<int> busy_posts{0};  // this many post_event calls answer PORTIER_ERR_BUSY first
   std::map<std::string, std::string> secrets;  // set before the plugin asks

   // Waits (bounded, real time) for the READY of `correlation`; false on timeout.
   bool wait_ready(std::uint64_t correlation, portier_directory_event &out,
                   std::chrono::milliseconds limit = std::chrono::seconds(10));
   std::vector<portier_directory_event> ready_events();
   std::vector<std::pair<std::int32_t, std::string>> states();
   std::vector<std::string> logs();

private:
   static DirectoryHost &self(portier_host_ctx *ctx) { return *reinterpret_cast<DirectoryHost *>(ctx); }
   static void PORTIER_ABI log(portier_host_ctx *ctx, std::int32_t level, portier_str msg);
   static std::int64_t PORTIER_ABI now(portier_host_ctx *ctx);
   static portier_status PORTIER_ABI post(portier_host_ctx *ctx, const portier_event_header *ev);
   static portier_status PORTIER_ABI report(portier_host_ctx *ctx, std::int32_t state, portier_str reason);
   static bool PORTIER_ABI engine_thread(portier_host_ctx *ctx);
   static portier_status PORTIER_ABI secret(portier_host_ctx *ctx, const char *name, char *buf, std::size_t *size);

   std::mutex mu_;
   std::condition_variable changed_;
   std::vector<portier_directory_event> ready_;
   std::vector<std::pair<std::int32_t, std::string>> states_;
   std::vector<std::string> logs_;
   std::thread::id engine_ = std::this_thread::get_id();
};

}  // namespace test
