// SPDX-License-Identifier: GPL-3.0-or-later
// trunk.sip under a small host for the call-rate benchmarks (sip_bench.sh): the bundled plugin
// loaded through its entry symbol on the shared test host (tests/integration/pbx_osv), with an
// engine stand-in on the main thread that answers every INCOMING (mode answer) or answers it
// and plays music on loop (mode moh). The callers hang up. Runs for --seconds, then prints its
// own CPU seconds and peak RSS as one JSON line.
//
// usage: trunk_bench_host --port P --plugin SO [--mode answer|moh] [--wav FILE] [--seconds N]
//                         [--channels N] [--rtp-start P] [--max-delay-ms N] [--retry-after-s N]
//                         [--max-transactions N] [--stop-file PATH]
#include <dlfcn.h>
#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <portier/kind/trunk.h>
#include <portier/portier.h>

#include "test_host.h"

namespace {

using Clock = std::chrono::steady_clock;

struct Options {
   std::string plugin;
   std::string mode = "answer";
   std::string wav;
   std::string stop_file;  // the run ends early once this file exists
   int port = 0;
   int seconds = 30;
   int channels = 6000;
   int rtp_start = 20000;
   int max_delay_ms = 100; // the plugin's default
   int retry_after_s = 5;
   int max_transactions = 400000;
};

bool parse_options(int argc, char **argv, Options &o) {
   for (int i = 1; i + 1 < argc; i += 2) {
      const std::string key = argv[i];
      const std::string value = argv[i + 1];
      if (key == "--plugin") o.plugin = value;
      else if (key == "--mode") o.mode = value;
      else if (key == "--wav") o.wav = value;
      else if (key == "--port") o.port = std::stoi(value);
      else if (key == "--seconds") o.seconds = std::stoi(value);
      else if (key == "--channels") o.channels = std::stoi(value);
      else if (key == "--rtp-start") o.rtp_start = std::stoi(value);
      else if (key == "--max-delay-ms") o.max_delay_ms = std::stoi(value);
      else if (key == "--retry-after-s") o.retry_after_s = std::stoi(value);
      else if (key == "--max-transactions") o.max_transactions = std::stoi(value);
      else if (key == "--stop-file") o.stop_file = value;
      else return false;
   }
   return !o.plugin.empty() && o.port > 0 && o.seconds > 0 && o.seconds <= 3600 &&
          (o.mode == "answer" || (o.mode == "moh" && !o.wav.empty()));
}

std::string settings_json(const Options &o) {
   // Ratio 5 gives the most processing channels; pilot calls take those. The registrar is a
   // port nobody serves: the trunk stays "not registered" but answers calls all the same.
   return "{\"register_id\":\"bench\",\"registrar\":{\"host\":\"127.0.0.1\",\"port\":9},"
          "\"listen\":{\"address\":\"127.0.0.1\",\"port\":" + std::to_string(o.port) + "},"
          "\"rtp\":{\"start_port\":" + std::to_string(o.rtp_start) + ",\"count\":" + std::to_string(2 * o.channels) + "},"
          "\"channels\":" + std::to_string(o.channels) + ",\"ratio\":5,"
          "\"pilot_numbers\":[\"+4989700710..19\"],\"loop_number\":\"+4989700799\","
          "\"overload\":{\"max_delay_ms\":" + std::to_string(o.max_delay_ms) +
          ",\"retry_after_s\":" + std::to_string(o.retry_after_s) +
          ",\"max_transactions\":" + std::to_string(o.max_transactions) + "}}";
}

// What the plugin posts, handed from its I/O thread to the engine stand-in.
struct Inbox {
   std::mutex mu;
   std::condition_variable ready;
   std::deque<std::vector<unsigned char>> events;
};
Inbox g_inbox;

portier_status PORTIER_ABI on_event(portier_host_ctx *, const portier_event_header *ev) {
   if (ev == nullptr || ev->struct_size < sizeof *ev || ev->struct_size > PORTIER_EVENT_MAX_SIZE) {
      return PORTIER_ERR_INVALID;
   }
   if (ev->space != PORTIER_SPACE_TRUNK) return PORTIER_OK;
   const auto *bytes = reinterpret_cast<const unsigned char *>(ev);
   {
      std::lock_guard<std::mutex> lock(g_inbox.mu);
      g_inbox.events.emplace_back(bytes, bytes + ev->struct_size);
   }
   g_inbox.ready.notify_one();
   return PORTIER_OK;
}

// Warnings and errors go to stderr (bounded); info and debug lines are dropped so that logging
// costs the trunk no more than a real host's filtered log would.
int g_log_lines = 0;
std::mutex g_log_mu;
void PORTIER_ABI on_log(portier_host_ctx *, std::int32_t level, portier_str msg) {
   if (level < PORTIER_LOG_WARNING) return;
   std::lock_guard<std::mutex> lock(g_log_mu);
   if (++g_log_lines > 200) return;
   std::fprintf(stderr, "%.*s\n", static_cast<int>(msg.size), msg.data);
}

struct Counts {
   std::uint64_t incoming = 0;
   std::uint64_t ended = 0;
   std::uint64_t refused_commands = 0;  // a command that failed at once or in its RESULT
   std::uint64_t peak_in_use = 0;
};

void handle(const std::vector<unsigned char> &bytes, const portier_trunk_v1 &api, portier_instance *inst,
            const Options &o, Counts &counts, std::uint64_t &correlation) {
   portier_event_header h;
   std::memcpy(&h, bytes.data(), sizeof h);
   if (h.type == PORTIER_TRUNK_EV_INCOMING && bytes.size() == sizeof(portier_trunk_incoming_event)) {
      portier_trunk_incoming_event in;
      std::memcpy(&in, bytes.data(), sizeof in);
      ++counts.incoming;
      portier_error err = PORTIER_ERROR_INIT;
      if (api.answer(inst, in.call_id, ++correlation, &err) != PORTIER_PENDING) ++counts.refused_commands;
      if (o.mode == "moh" &&
          api.play(inst, in.call_id, "moh", PORTIER_TRUNK_PLAY_LOOP, ++correlation, &err) != PORTIER_PENDING) {
         ++counts.refused_commands;
      }
   } else if (h.type == PORTIER_TRUNK_EV_ENDED) {
      ++counts.ended;
   } else if (h.type == PORTIER_TRUNK_EV_RESULT && bytes.size() == sizeof(portier_trunk_result_event)) {
      portier_trunk_result_event r;
      std::memcpy(&r, bytes.data(), sizeof r);
      if (r.status != PORTIER_OK && r.status != PORTIER_PENDING) ++counts.refused_commands;
   } else if (h.type == PORTIER_TRUNK_EV_CHANNELS && bytes.size() == sizeof(portier_trunk_channels_event)) {
      portier_trunk_channels_event c;
      std::memcpy(&c, bytes.data(), sizeof c);
      counts.peak_in_use = std::max<std::uint64_t>(counts.peak_in_use, c.in_use);
   }
}

double cpu_seconds(const rusage &u) {
   return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
          static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

}  // namespace

int main(int argc, char **argv) {
   Options o;
   if (!parse_options(argc, argv, o)) {
      std::fprintf(stderr,
                   "usage: trunk_bench_host --port P --plugin SO [--mode answer|moh --wav FILE] [--seconds N]\n"
                   "       [--channels N] [--rtp-start P] [--max-delay-ms N] [--retry-after-s N] [--max-transactions N]\n"
                   "       [--stop-file PATH]\n");
      return 2;
   }
   void *library = dlopen(o.plugin.c_str(), RTLD_NOW | RTLD_LOCAL);
   if (library == nullptr) {
      std::fprintf(stderr, "cannot load %s: %s\n", o.plugin.c_str(), dlerror());
      return 1;
   }
   using Entry = const portier_plugin *(*)(std::uint32_t);
   auto entry = reinterpret_cast<Entry>(dlsym(library, "portier_plugin_entry"));
   const portier_plugin *plugin = entry == nullptr ? nullptr : entry(PORTIER_ABI_MAJOR);
   if (plugin == nullptr) {
      std::fprintf(stderr, "%s has no usable portier_plugin_entry\n", o.plugin.c_str());
      return 1;
   }
   test::TestHost host;  // constructed here: the main thread is the engine thread
   host.table.post_event = &on_event;
   host.table.log = &on_log;
   const std::string settings = settings_json(o);
   portier_error err = PORTIER_ERROR_INIT;
   portier_instance *inst = nullptr;
   portier_status s = plugin->validate_config({settings.data(), settings.size()}, &err);
   if (s == PORTIER_OK) s = plugin->create(&host.table, {settings.data(), settings.size()}, &inst, &err);
   if (s == PORTIER_OK) s = plugin->start(inst, &err);
   if (s != PORTIER_OK) {
      std::fprintf(stderr, "trunk.sip did not start: %s\n", err.message);
      if (inst != nullptr) plugin->destroy(inst);
      dlclose(library);
      return 1;
   }
   const auto *api = static_cast<const portier_trunk_v1 *>(plugin->get_interface(inst, PORTIER_IF_TRUNK_1));
   std::uint64_t correlation = 0;
   Counts counts;
   if (api != nullptr && o.mode == "moh") {
      (void)api->load_media(inst, "moh", o.wav.c_str(), ++correlation, &err);
   }
   std::fprintf(stderr, "trunk_bench_host: ready on 127.0.0.1:%d (%s)\n", o.port, o.mode.c_str());

   const auto start = Clock::now();
   const auto end = start + std::chrono::seconds(o.seconds);
   auto clock_at = start;
   std::vector<std::vector<unsigned char>> batch;
   auto stop_checked = start;
   while (api != nullptr && Clock::now() < end) {
      if (!o.stop_file.empty() && Clock::now() - stop_checked > std::chrono::milliseconds(100)) {
         stop_checked = Clock::now();
         if (::access(o.stop_file.c_str(), F_OK) == 0) break;
      }
      {
         std::unique_lock<std::mutex> lock(g_inbox.mu);
         g_inbox.ready.wait_for(lock, std::chrono::milliseconds(5), [] { return !g_inbox.events.empty(); });
         batch.assign(std::make_move_iterator(g_inbox.events.begin()), std::make_move_iterator(g_inbox.events.end()));
         g_inbox.events.clear();
      }
      for (const auto &bytes : batch) handle(bytes, *api, inst, o, counts, correlation);
      // The host clock follows real time, so the trunk's tick (session timers, registration) runs.
      const auto now = Clock::now();
      const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now - clock_at).count();
      if (ms > 0) {
         host.advance(ms);
         clock_at += std::chrono::milliseconds(ms);
      }
   }
   rusage usage{};
   getrusage(RUSAGE_SELF, &usage);
   const double wall = std::chrono::duration<double>(Clock::now() - start).count();
   plugin->stop(inst);
   plugin->destroy(inst);
   dlclose(library);
   std::printf("{\"mode\":\"%s\",\"wall_s\":%.2f,\"cpu_s\":%.3f,\"peak_rss_kb\":%ld,\"incoming\":%llu,\"ended\":%llu,"
               "\"failed_commands\":%llu,\"peak_channels_in_use\":%llu}\n",
               o.mode.c_str(), wall, cpu_seconds(usage), usage.ru_maxrss,
               static_cast<unsigned long long>(counts.incoming), static_cast<unsigned long long>(counts.ended),
               static_cast<unsigned long long>(counts.refused_commands),
               static_cast<unsigned long long>(counts.peak_in_use));
   std::fflush(stdout);
   return api == nullptr ? 1 : 0;
}
