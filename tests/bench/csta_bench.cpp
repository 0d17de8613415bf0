// SPDX-License-Identifier: GPL-3.0-or-later
// CSTA figures for issue 3, each beside its reference in the same run:
//  (a) one core: framing + parse + correlation by monitorCrossRefID of a recorded OSV event
//      stream, beside a bare expat SAX parse of the same XML bytes;
//  (b) end to end: the real pbx.osv plugin in the real kernel, the stream played over loopback
//      TCP by a recorded PBX, events counted where the engine receives them;
//  (c) monitoring 10,000 devices through pbx.osv against the simulated OpenScape Voice.
//   csta_bench [FRAMES] [DEVICES] [PHASES]   (PHASES: any of a, b, c; default abc)
#include <expat.h>
#include <sched.h>
#include <sys/resource.h>
#include <time.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include <portier/kind/pbx.h>

#include "csta_stream.h"
#include "kernel/config.h"
#include "kernel/engine_loop.h"
#include "kernel/kernel.h"
#include "kernel/log.h"
#include "office/office.h"
#include "portier/csta/framing.h"
#include "portier/csta/parser.h"
#include "recorded_pbx.h"
#include "server/csta_server.h"

using namespace portier;
using namespace portier::csta;

namespace {

constexpr int kMonitors = 1000;

double thread_cpu_seconds() {
   timespec t{};
   clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
   return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) / 1e9;
}

double process_cpu_seconds() {
   rusage u{};
   getrusage(RUSAGE_SELF, &u);
   return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
          static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
   return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// (a) One thread, CPU time: framing + parse + correlation, then bare expat on the same bytes.
bool one_core(const bench::RecordedStream &stream, std::size_t frames) {
   std::unordered_map<std::string, std::size_t> monitors;
   for (int i = 0; i < kMonitors; ++i) monitors.emplace(bench::cross_ref_of(i), 0);
   std::size_t events = 0, correlated = 0;
   const double ours_start = thread_cpu_seconds();
   {
      FrameReader reader;
      Parser parser;
      constexpr std::size_t kRead = 64 * 1024;
      for (std::size_t at = 0; at < stream.bytes.size(); at += kRead) {
         reader.feed(std::string_view(stream.bytes).substr(at, kRead));
         while (auto frame = reader.pop()) {
            const auto result = parser.parse(frame->xml);
            if (!result) {
               std::fprintf(stderr, "parse error: %s\n", result.error.to_string().c_str());
               return false;
            }
            ++events;
            if (const auto *event = std::get_if<CallEvent>(&*result.message)) {
               const auto it = monitors.find(event->cross_ref_id);
               if (it != monitors.end()) {
                  ++it->second;
                  ++correlated;
               }
            }
         }
      }
   }
   const double ours = thread_cpu_seconds() - ours_start;

   std::size_t bare_events = 0;
   const double bare_start = thread_cpu_seconds();
   {
      XML_Parser parser = XML_ParserCreate(nullptr);
      for (const auto &xml : stream.bodies) {
         XML_ParserReset(parser, nullptr);
         XML_SetElementHandler(parser, [](void *, const XML_Char *, const XML_Char **) {}, [](void *, const XML_Char *) {});
         XML_SetCharacterDataHandler(parser, [](void *, const XML_Char *, int) {});
         if (XML_Parse(parser, xml.data(), static_cast<int>(xml.size()), XML_TRUE) == XML_STATUS_OK) ++bare_events;
      }
      XML_ParserFree(parser);
   }
   const double bare = thread_cpu_seconds() - bare_start;
   const double ours_rate = static_cast<double>(events) / ours;
   const double bare_rate = static_cast<double>(bare_events) / bare;
   std::printf("(a) one core, %zu frames (%.1f MB, mean %zu bytes), CPU time\n", frames,
               static_cast<double>(stream.bytes.size()) / 1e6, stream.bytes.size() / frames);
   std::printf("    framing+parse+correlate: %10.0f events/s (%.3f s CPU, %zu correlated)\n", ours_rate, ours, correlated);
   std::printf("    bare expat SAX parse:    %10.0f events/s (%.3f s CPU)\n", bare_rate, bare);
   std::printf("    ratio %.2f x bare parse (target >= 0.25); %s the 200,000 events/s target\n",
               ours_rate / bare_rate, ours_rate >= 200000 ? "meets" : "MISSES");
   return events == frames && correlated == frames;
}

kernel::Config osv_config(std::uint16_t port) {
   const std::string yaml = "system:\n  name: bench\n  log_level: warning\nplugins:\n  load:\n"
                            "    - id: pbx.osv\n      file: " PBX_OSV_PLUGIN "\n      settings:\n"
                            "        host: 127.0.0.1\n        port: " + std::to_string(port) +
                            "\n        request_timeout_ms: 120000\n";
   auto loaded = kernel::load_config_text(yaml, "bench.yaml", std::filesystem::temp_directory_path());
   if (!loaded.config) {
      for (const auto &e : loaded.errors) std::fprintf(stderr, "%s\n", e.to_string().c_str());
      std::exit(1);
   }
   return *loaded.config;
}

// Runs the kernel with pbx.osv connected to 127.0.0.1:`port` on this thread; once it runs,
// monitors `devices` (named by `device_name`) and calls `on_event` for every event until it
// returns true, `settled` says so, or `limit` passes. Returns whether `on_event` ended it.
template <typename Name, typename OnEvent, typename Settled>
bool drive_osv(std::uint16_t port, int devices, Name device_name, OnEvent on_event, Settled settled,
               double limit_s) {
   kernel::SteadyClock clock;
   kernel::EngineLoop loop(clock, 1 << 20);
   kernel::Kernel kernel(loop, osv_config(port));
   bool done = false;
   bool monitoring = false;
   kernel.set_event_sink([&](const kernel::PluginSlot &, const portier_event_header &ev) {
      if (!done && on_event(ev)) {
         done = true;
         loop.stop();
      }
   });
   loop.post([&] {
      if (!kernel.prepare().empty()) std::exit(1);
      kernel.start();
   });
   const auto start = std::chrono::steady_clock::now();
   loop.timer_start(1000, 1000, [&] {
      if (seconds_since(start) > limit_s || settled()) loop.stop();
      if (monitoring) return;
      auto *slot = kernel.find("pbx.osv");
      if (slot == nullptr || slot->status().state != "running") return;
      monitoring = true;
      const auto *pbx = static_cast<const portier_pbx_v1 *>(
         slot->library->descriptor.get_interface(slot->instance, PORTIER_IF_PBX_1));
      for (int i = 0; i < devices; ++i) {
         portier_error err{};
         pbx->monitor_start(slot->instance, device_name(i).c_str(), static_cast<std::uint64_t>(i + 1), &err);
      }
   });
   loop.run();
   kernel.stop();
   return done;
}

// (b) The stream through the real plugin and kernel, counted at the engine. Portier's threads
// (the plugin's I/O thread and the engine) share one core; the recorded PBX, another machine in
// real life, sends from the other core where there is one, and its CPU time is not Portier's.
bool end_to_end(const bench::RecordedStream &stream, std::size_t frames) {
   cpu_set_t all{};
   sched_getaffinity(0, sizeof all, &all);
   const int portier_cpu = sched_getcpu();
   int pbx_cpu = -1;
   for (int c = 0; c < CPU_SETSIZE && pbx_cpu < 0; ++c) {
      if (c != portier_cpu && CPU_ISSET(c, &all)) pbx_cpu = c;
   }
   cpu_set_t one{};
   CPU_ZERO(&one);
   CPU_SET(portier_cpu, &one);
   sched_setaffinity(0, sizeof one, &one);
   bench::RecordedPbx pbx;
   std::atomic<std::size_t> delivered{0};
   // Every frame but CallInformation (the fifth of each call's six) becomes a call record.
   std::size_t expected = 0;
   for (std::size_t i = 0; i < frames; ++i) expected += i % bench::kFramesPerCall != 4 ? 1 : 0;
   pbx.play(stream.bytes, frames, kMonitors, 20000, delivered, pbx_cpu);
   std::chrono::steady_clock::time_point first{};
   double cpu_first = 0;
   std::size_t calls = 0;
   const bool ok = drive_osv(
      pbx.port(), kMonitors, [](int i) { return std::to_string(7000 + i); },
      [&](const portier_event_header &ev) {
         if (ev.space != PORTIER_SPACE_PBX || ev.type != PORTIER_PBX_EV_CALL) return false;
         if (calls++ == 0) {
            first = std::chrono::steady_clock::now();
            cpu_first = process_cpu_seconds();
         }
         // A frame counts as delivered once its record (or its CallInformation) passed.
         delivered.store(calls + calls / (bench::kFramesPerCall - 1));
         return calls == expected;
      },
      [] { return false; }, 300);
   const double wall = seconds_since(first);
   const double process_cpu = process_cpu_seconds() - cpu_first;
   for (int i = 0; i < 1000 && !pbx.finished; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(1));
   const double pbx_cpu_s = pbx.cpu_seconds();
   const double portier_cpu_s = pbx_cpu >= 0 ? process_cpu - pbx_cpu_s : process_cpu;
   sched_setaffinity(0, sizeof all, &all);
   const double per_event_us = portier_cpu_s * 1e6 / static_cast<double>(frames);
   std::printf("(b) end to end: recorded PBX -> loopback TCP -> pbx.osv -> kernel engine queue -> engine,\n"
               "    Portier's threads pinned to CPU %d, the recorded PBX on %s\n",
               portier_cpu, pbx_cpu >= 0 ? ("CPU " + std::to_string(pbx_cpu)).c_str() : "the same CPU");
   std::printf("    %zu frames, %zu call records delivered in %.3f s wall: %10.0f events/s\n", frames, calls,
               wall, static_cast<double>(frames) / wall);
   std::printf("    Portier's CPU: %.2f us per event = %10.0f events/s per core (target 200,000: %s)%s\n",
               per_event_us, 1e6 / per_event_us, 1e6 / per_event_us >= 200000 ? "meets" : "MISSES",
               pbx_cpu >= 0 ? "" : "; the PBX's sending included");
   std::printf("    the recorded PBX's sending: %.2f us CPU per event\n",
               pbx_cpu_s * 1e6 / static_cast<double>(frames));
   return ok;
}

// (c) Monitoring 10,000 devices against the simulator.
bool monitor_many(int devices) {
   pbxsim::OfficeSpec spec;
   for (int i = 0; i < devices; ++i) {
      spec.extensions.push_back({std::to_string(10000 + i), "User " + std::to_string(i),
                                 pbxsim::ExtensionKind::office_user, {}, true});
   }
   boost::asio::io_context io;
   pbxsim::Office office(spec);
   pbxsim::CstaServer server(io, office);
   std::thread sim([&] { io.run(); });
   int results = 0, failed = 0, states = 0;
   const auto start = std::chrono::steady_clock::now();
   double ready = 0, last = 0;
   drive_osv(
      server.port(), devices, [](int i) { return std::to_string(10000 + i); },
      [&](const portier_event_header &ev) {
         if (ev.space != PORTIER_SPACE_PBX) return false;
         if (ev.type == PORTIER_PBX_EV_RESULT) {
            if (results++ == 0) ready = seconds_since(start);
            if (reinterpret_cast<const portier_pbx_result_event &>(ev).status != PORTIER_OK) ++failed;
         }
         if (ev.type == PORTIER_PBX_EV_DEVICE) ++states;
         last = seconds_since(start);
         // Done with every result and a state for every device; the snapshot of a device whose
         // state did not change since its monitor started reports nothing new.
         return results == devices && states >= devices;
      },
      [&] { return results == devices && seconds_since(start) - last > 2.0; }, 300);
   const bool ok = results == devices && failed == 0;
   std::printf("(c) monitor %d devices against the simulator (pbx.osv in the kernel; MonitorStart,\n"
               "    SnapshotDevice, GetForwarding, GetDoNotDisturb each): %.3f s from the first result to\n"
               "    the last event (%d results, %d of them failed, %d device states; the first result after\n"
               "    %.3f s)\n",
               devices, last - ready, results, failed, states, ready);
   io.stop();
   sim.join();
   return ok;
}

}  // namespace

int main(int argc, char **argv) {
   const std::size_t frames = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 100000;
   const int devices = argc > 2 ? std::atoi(argv[2]) : 10000;
   const std::string phases = argc > 3 ? argv[3] : "abc";
   kernel::set_log_level(kernel::LogLevel::warning);
   const auto stream = bench::make_stream(PORTIER_CSTA_FIXTURES, frames, kMonitors);
   bool ok = true;
   if (phases.find('a') != std::string::npos) ok = one_core(stream, frames) && ok;
   if (phases.find('b') != std::string::npos) ok = end_to_end(stream, frames) && ok;
   if (phases.find('c') != std::string::npos) ok = monitor_many(devices) && ok;
   return ok ? 0 : 1;
}
