// SPDX-License-Identifier: GPL-3.0-or-later
// moh_bench: N callers waiting with music through the real trunk.sip plugin (issue 4, bench c).
// Loads the bundled plugin under the shared test host; the main thread plays the engine (answers
// every INCOMING call and plays the music-on-hold WAV on loop) and the callers (one SIP UA on
// one UDP socket, N calls at a bounded rate, each offer pointing at one of 16 draining receiver
// ports). When all calls play, it measures for T seconds: each packet's lateness against its
// 20 ms slot (kernel receive stamps), loss and sequence/timestamp continuity, CPU of the
// plugin's threads per stream, and resident memory per waiting call. Then it hangs up.
//   moh_bench [--calls N (5000)] [--seconds T (10, at most 60)] [--rate R (500/s)] [--no-pin]
//   moh_bench --sink PORT --streams N --seconds T   (only the receivers, for the reference sender)
// Figures only, no pass or fail; the last line is one JSON object for moh_bench.sh.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <deque>
#include <fstream>
#include <set>
#include <mutex>
#include <string>
#include <thread>

#include <portier/kind/trunk.h>

#include "caller_ua.h"
#include "plugin_under_test.h"
#include "proc_stats.h"
#include "rtp_drain.h"

using namespace portier::bench;
using Clock = std::chrono::steady_clock;

namespace {

constexpr int kReceiverPorts = 16;
constexpr const char *kPilot = "+4989700710";
constexpr const char *kRequestFirst = "+4989700720";  // request numbers +4989700720..27
constexpr std::int64_t kMaxChannels = 10000;          // 2 RTP ports each: the 20,000 a range may hold
constexpr std::int64_t kRatio = 5;

struct Options {
   std::size_t calls = 5000;
   double seconds = 10;
   double rate = 500;
   bool pin = true;
   int sink_port = 0;  // sink mode when set
   std::size_t streams = 5000;
};
Options g_opt;

// What the plugin posted, handed from its I/O thread to the main thread.
struct Inbox {
   std::mutex mu;
   std::deque<std::string> incoming;
   std::size_t answer_ok = 0, play_ok = 0, command_failed = 0, ended = 0;
   std::string last_failure;
   std::size_t warnings = 0, errors = 0;
};
Inbox g_inbox;

portier_status PORTIER_ABI record(portier_host_ctx *, const portier_event_header *ev) {
   if (ev == nullptr || ev->struct_size < sizeof *ev || ev->struct_size > PORTIER_EVENT_MAX_SIZE) return PORTIER_ERR_INVALID;
   if (ev->space != PORTIER_SPACE_TRUNK) return PORTIER_OK;
   std::lock_guard<std::mutex> lock(g_inbox.mu);
   if (ev->type == PORTIER_TRUNK_EV_INCOMING && ev->struct_size == sizeof(portier_trunk_incoming_event)) {
      g_inbox.incoming.emplace_back(reinterpret_cast<const portier_trunk_incoming_event *>(ev)->call_id);
   } else if (ev->type == PORTIER_TRUNK_EV_RESULT && ev->struct_size == sizeof(portier_trunk_result_event)) {
      const auto *r = reinterpret_cast<const portier_trunk_result_event *>(ev);
      if (r->status != PORTIER_OK) {
         ++g_inbox.command_failed;
         g_inbox.last_failure = r->message;
      } else if (r->header.correlation % 2 == 1) {
         ++g_inbox.answer_ok;
      } else {
         ++g_inbox.play_ok;
      }
   } else if (ev->type == PORTIER_TRUNK_EV_ENDED) {
      ++g_inbox.ended;
   }
   return PORTIER_OK;
}

// Warnings and errors are counted and the first few shown; nothing is kept per call.
void PORTIER_ABI log_line(portier_host_ctx *, std::int32_t level, portier_str msg) {
   if (level < PORTIER_LOG_WARNING) return;
   std::size_t n;
   {
      std::lock_guard<std::mutex> lock(g_inbox.mu);
      n = level >= PORTIER_LOG_ERROR ? ++g_inbox.errors : ++g_inbox.warnings;
   }
   if (n <= 5) std::fprintf(stderr, "moh_bench: plugin %s: %.*s\n", level >= PORTIER_LOG_ERROR ? "error" : "warning",
                            static_cast<int>(msg.size), msg.data);
}

portier_status PORTIER_ABI no_secret(portier_host_ctx *, const char *, char *, std::size_t *) { return PORTIER_ERR_NOT_FOUND; }

void raise_file_limit() {
   rlimit lim{};
   ::getrlimit(RLIMIT_NOFILE, &lim);
   rlimit want{65536, 65536};
   if (::setrlimit(RLIMIT_NOFILE, &want) != 0) {
      lim.rlim_cur = lim.rlim_max;
      ::setrlimit(RLIMIT_NOFILE, &lim);
   }
}

// 10 s of a slow three-note figure over a low drone: music-like, every frame different.
std::string write_music(const std::string &path) {
   constexpr double kPi = 3.14159265358979323846;
   std::vector<std::int16_t> s(8000 * 10);
   const double notes[] = {261.63, 329.63, 392.0, 523.25};
   for (std::size_t i = 0; i < s.size(); ++i) {
      const double t = static_cast<double>(i) / 8000.0;
      const double f = notes[(i / 4000) % 4];
      const double env = 0.5 + 0.5 * std::sin(2 * kPi * 0.25 * t);
      s[i] = static_cast<std::int16_t>(std::lround(6000 * env * std::sin(2 * kPi * f * t) + 2500 * std::sin(2 * kPi * 110 * t)));
   }
   std::ofstream out(path, std::ios::binary);
   const auto u32 = [&](std::uint32_t v) { out.write(reinterpret_cast<const char *>(&v), 4); };
   const auto u16 = [&](std::uint16_t v) { out.write(reinterpret_cast<const char *>(&v), 2); };
   const auto data = static_cast<std::uint32_t>(s.size() * 2);
   out.write("RIFF", 4);
   u32(36 + data);
   out.write("WAVEfmt ", 8);
   u32(16);
   u16(1);
   u16(1);
   u32(8000);
   u32(16000);
   u16(2);
   u16(16);
   out.write("data", 4);
   u32(data);
   out.write(reinterpret_cast<const char *>(s.data()), data);
   return path;
}

// A free UDP port of 127.0.0.1 (the kernel's pick, outside 5060-5080 by construction of its range).
std::uint16_t free_port() {
   RtpDrain probe(0, 1, 1);
   return probe.ports().empty() ? 0 : probe.ports()[0];
}

// A base of `count` ports that nobody holds now (below the kernel's ephemeral range first).
std::uint16_t free_block(std::uint32_t count, std::uint16_t from) {
   for (std::uint32_t base = from; base + count <= 65000; base += 500) {
      if (base <= 5080 && base + count >= 5060) continue;
      bool all = true;
      for (std::uint32_t p = base; p < base + count && all; ++p) {  // one descriptor at a time
         const int fd = ::socket(AF_INET, SOCK_DGRAM, 0);
         sockaddr_in a{};
         a.sin_family = AF_INET;
         a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
         a.sin_port = htons(static_cast<std::uint16_t>(p));
         all = ::bind(fd, reinterpret_cast<sockaddr *>(&a), sizeof a) == 0;
         ::close(fd);
      }
      if (all) return static_cast<std::uint16_t>(base);
   }
   return 0;
}

std::int64_t processing_of(std::int64_t channels) { return (channels - 2) * kRatio / (1 + kRatio); }

void print_drain(const char *who, const DrainSummary &d, std::size_t streams) {
   std::printf("  %s receivers: %llu streams (%llu silent), %llu packets in %.2f s (%.0f expected), lost %llu, dup/reorder %llu,\n"
               "    timestamp jumps %llu (%llu slots skipped), stray markers %llu\n"
               "    lateness vs 20 ms slot: p50 %.2f ms  p99 %.2f ms  p99.9 %.2f ms  max %.2f ms; over 2 ms: %.4f %%\n",
               who, static_cast<unsigned long long>(d.streams), static_cast<unsigned long long>(d.silent),
               static_cast<unsigned long long>(d.received), d.window_s, static_cast<double>(streams) * d.window_s * 50,
               static_cast<unsigned long long>(d.lost), static_cast<unsigned long long>(d.duplicates),
               static_cast<unsigned long long>(d.ts_jumps), static_cast<unsigned long long>(d.skipped_slots),
               static_cast<unsigned long long>(d.markers), d.p50_ms, d.p99_ms, d.p999_ms, d.max_ms, 100 * d.over_2ms);
}

std::string drain_json(const DrainSummary &d) {
   char b[512];
   std::snprintf(b, sizeof b,
                 "\"streams\":%llu,\"silent\":%llu,\"received\":%llu,\"lost\":%llu,\"duplicates\":%llu,\"ts_jumps\":%llu,"
                 "\"skipped_slots\":%llu,\"p50_ms\":%.2f,\"p99_ms\":%.2f,\"p999_ms\":%.2f,\"max_ms\":%.2f,\"over_2ms\":%.6f,"
                 "\"window_s\":%.2f,\"drain_cpu_s\":%.2f",
                 static_cast<unsigned long long>(d.streams), static_cast<unsigned long long>(d.silent),
                 static_cast<unsigned long long>(d.received), static_cast<unsigned long long>(d.lost),
                 static_cast<unsigned long long>(d.duplicates), static_cast<unsigned long long>(d.ts_jumps),
                 static_cast<unsigned long long>(d.skipped_slots), d.p50_ms, d.p99_ms, d.p999_ms, d.max_ms, d.over_2ms,
                 d.window_s, d.cpu_s);
   return b;
}

// The receivers alone, for the reference sender: waits for the streams, then one window.
int run_sink() {
   RtpDrain drain(static_cast<std::uint16_t>(g_opt.sink_port), kReceiverPorts, g_opt.streams + 16);
   if (!drain.error().empty()) {
      std::fprintf(stderr, "moh_bench: sink: %s\n", drain.error().c_str());
      return 3;
   }
   drain.start(-1, g_opt.seconds + 30);
   const auto give_up = Clock::now() + std::chrono::seconds(20);
   while (drain.streams_seen() < g_opt.streams && Clock::now() < give_up) std::this_thread::sleep_for(std::chrono::milliseconds(10));
   std::this_thread::sleep_for(std::chrono::milliseconds(500));  // past the sender's start-up
   drain.open_window(static_cast<std::size_t>(static_cast<double>(g_opt.streams) * 50 * (g_opt.seconds + 1)));
   std::this_thread::sleep_for(std::chrono::duration<double>(g_opt.seconds));
   drain.close_window();
   const DrainSummary d = drain.finish();
   std::printf("moh_bench sink: %zu streams expected on 127.0.0.1:%d..+%d\n", g_opt.streams, g_opt.sink_port, kReceiverPorts - 1);
   print_drain("reference", d, g_opt.streams);
   std::printf("MOH_JSON {\"mode\":\"sink\",\"expected_streams\":%zu,%s}\n", g_opt.streams, drain_json(d).c_str());
   return 0;
}

}  // namespace

// Channels the open-file limit allows: the trunk binds 2 sockets per channel at start, and the
// process needs some more (SIP, epoll, receivers, the library).
std::int64_t channels_by_file_limit() {
   rlimit lim{};
   ::getrlimit(RLIMIT_NOFILE, &lim);
   return std::min<std::int64_t>(kMaxChannels, (static_cast<std::int64_t>(lim.rlim_cur) - 256) / 2);
}

TEST_CASE("moh bench") {
   const std::int64_t max_channels = channels_by_file_limit();
   const std::size_t n = std::min<std::size_t>(g_opt.calls, static_cast<std::size_t>(max_channels));
   if (n < g_opt.calls) {
      std::fprintf(stderr, "moh_bench: %zu calls instead of %zu: the open-file limit allows %lld channels (2 sockets each)\n", n,
                   g_opt.calls, static_cast<long long>(max_channels));
   }
   const int cpus = static_cast<int>(std::thread::hardware_concurrency());
   const bool pin = g_opt.pin && cpus >= 2;
   // The plugin's threads inherit CPU 0 from the main thread; main and receivers move to CPU 1
   // once the plugin runs (the reference: sender on CPU 0, sink on CPU 1).
   if (pin) pin_thread(0, 0);

   // Channels: enough processing channels for every call when the range allows it; beyond
   // that (more than 8,331 calls) the rest dial request numbers, which take operational ones.
   std::int64_t channels = 3;
   while (channels < max_channels && processing_of(channels) < static_cast<std::int64_t>(n)) ++channels;
   const auto processing = static_cast<std::size_t>(processing_of(channels));
   std::vector<std::string> numbers(n);
   for (std::size_t i = 0; i < n; ++i) numbers[i] = i < processing ? kPilot : "+498970072" + std::to_string(i % 8);

   const std::string wav = write_music("/tmp/moh-bench-" + std::to_string(::getpid()) + ".wav");
   RtpDrain drain(0, kReceiverPorts, n + 16);
   REQUIRE(drain.error().empty());
   const std::uint16_t sip_port = free_port();
   CallerUa ua(n, sip_port, numbers, drain.ports());
   REQUIRE(ua.ok());

   test::PluginUnderTest plugin(TRUNK_SIP_PLUGIN);
   plugin.host.table.post_event = &record;
   plugin.host.table.log = &log_line;
   plugin.host.table.secret_get = &no_secret;
   const auto rtp_count = static_cast<std::uint32_t>(2 * channels);
   std::string why;
   portier_status started = PORTIER_ERR_UNAVAILABLE;
   std::uint16_t from = 10000;
   for (int attempt = 0; attempt < 3 && started != PORTIER_OK; ++attempt) {
      const std::uint16_t base = free_block(rtp_count, from);
      REQUIRE(base != 0);
      from = static_cast<std::uint16_t>(base + 500);
      const std::string settings =
          "{\"register_id\":\"provider\",\"registrar\":{\"host\":\"127.0.0.1\",\"port\":" + std::to_string(ua.port()) +
          "},\"listen\":{\"address\":\"127.0.0.1\",\"port\":" + std::to_string(sip_port) +
          "},\"rtp\":{\"start_port\":" + std::to_string(base) + ",\"count\":" + std::to_string(rtp_count) +
          "},\"channels\":" + std::to_string(channels) + ",\"ratio\":" + std::to_string(kRatio) +
          ",\"pilot_numbers\":[\"" + kPilot + "\"],\"request_numbers\":\"" + kRequestFirst + "..27\"" +
          ",\"media\":[{\"id\":\"moh\",\"file\":\"" + wav + "\"}]}";
      started = plugin.start(settings, why);
      if (started != PORTIER_OK) std::fprintf(stderr, "moh_bench: start failed: %s\n", why.c_str());
   }
   REQUIRE(started == PORTIER_OK);
   const auto *api = static_cast<const portier_trunk_v1 *>(plugin.plugin->get_interface(plugin.inst, PORTIER_IF_TRUNK_1));
   REQUIRE(api != nullptr);
   const pid_t main_tid = this_thread_id();
   if (pin) pin_thread(0, 1);
   drain.start(pin ? 1 : -1, 600);

   auto last_advance = Clock::now();
   auto last_resend = Clock::now();
   std::uint64_t correlation = 0;
   std::size_t answered = 0;
   // One round of the main loop: SIP in, the engine's work, the host clock, retransmissions.
   const auto turn = [&](int wait_ms) {
      ua.poll(wait_ms);
      std::deque<std::string> offered;
      {
         std::lock_guard<std::mutex> lock(g_inbox.mu);
         offered.swap(g_inbox.incoming);
      }
      for (const std::string &id : offered) {
         portier_error err = PORTIER_ERROR_INIT;
         api->answer(plugin.inst, id.c_str(), 2 * correlation + 1, &err);
         api->play(plugin.inst, id.c_str(), "moh", PORTIER_TRUNK_PLAY_LOOP, 2 * correlation + 2, &err);
         ++correlation;
         ++answered;
      }
      const auto now = Clock::now();
      if (now - last_advance >= std::chrono::milliseconds(20)) {
         plugin.host.advance(std::chrono::duration_cast<std::chrono::milliseconds>(now - last_advance).count());
         last_advance = now;
      }
      if (now - last_resend >= std::chrono::milliseconds(100)) {
         ua.retransmit();
         last_resend = now;
      }
   };

   // Registration first (our UA is the registrar), bounded.
   for (auto until = Clock::now() + std::chrono::seconds(3); Clock::now() < until && ua.counters().registers == 0;) turn(5);
   const std::int64_t rss_before = rss_kb();

   // Place the calls at the rate, then wait until every answered call is heard at a receiver.
   const auto t_place = Clock::now();
   const auto place_limit = t_place + std::chrono::duration_cast<Clock::duration>(
                                          std::chrono::duration<double>(static_cast<double>(n) / g_opt.rate + 60));
   std::size_t placed = 0;
   for (;;) {
      const double since = std::chrono::duration<double>(Clock::now() - t_place).count();
      const auto due = std::min(n, static_cast<std::size_t>(since * g_opt.rate) + 1);
      for (; placed < due; ++placed) ua.invite(placed);
      turn(1);
      std::size_t plays;
      {
         std::lock_guard<std::mutex> lock(g_inbox.mu);
         plays = g_inbox.play_ok;
      }
      const std::size_t up = ua.counters().confirmed;
      if (placed == n && ua.settled() && plays >= up && drain.streams_seen() >= up) break;
      if (Clock::now() > place_limit) {
         std::fprintf(stderr, "moh_bench: gave up waiting: %zu confirmed, %zu playing, %zu heard\n", up, plays, drain.streams_seen());
         break;
      }
   }
   const double setup_s = std::chrono::duration<double>(Clock::now() - t_place).count();
   const std::int64_t rss_after = rss_kb();
   const std::size_t up = ua.counters().confirmed;

   for (auto until = Clock::now() + std::chrono::seconds(1); Clock::now() < until;) turn(5);  // settle

   // The window: CPU of every thread but main and the receivers.
   const auto cpu0 = thread_cpu_ns();
   const auto t0 = Clock::now();
   drain.open_window(static_cast<std::size_t>(static_cast<double>(up) * 50 * (g_opt.seconds + 1)));
   const auto window_end = t0 + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(g_opt.seconds));
   while (Clock::now() < window_end) turn(5);
   drain.close_window();
   const auto cpu1 = thread_cpu_ns();
   const double wall = std::chrono::duration<double>(Clock::now() - t0).count();
   const std::set<pid_t> others{main_tid, drain.thread_id()};
   const double plugin_cpu = cpu_seconds_except(cpu0, cpu1, others);
   std::size_t plugin_threads = 0;
   for (const auto &[tid, ns] : cpu1) plugin_threads += others.count(tid) == 0 ? 1 : 0;
   const double main_cpu = cpu_seconds_except(cpu0, cpu1, [&] {
      std::set<pid_t> all;
      for (const auto &[tid, ns] : cpu1) if (tid != main_tid) all.insert(tid);
      return all;
   }());
   const DrainSummary d = drain.finish();

   // Hang up, at twice the placing rate, bounded.
   const auto t_bye = Clock::now();
   std::size_t hung = 0;
   for (auto until = t_bye + std::chrono::seconds(60); Clock::now() < until;) {
      const double since = std::chrono::duration<double>(Clock::now() - t_bye).count();
      const auto due = std::min(n, static_cast<std::size_t>(since * 2 * g_opt.rate) + 1);
      for (; hung < due; ++hung) ua.hang_up(hung);
      turn(1);
      if (hung == n && ua.settled()) break;
   }
   plugin.stop();
   ::unlink(wav.c_str());

   const UaCounters &c = ua.counters();
   std::size_t ended, cmd_failed, plays;
   std::string last_failure;
   {
      std::lock_guard<std::mutex> lock(g_inbox.mu);
      ended = g_inbox.ended;
      cmd_failed = g_inbox.command_failed;
      plays = g_inbox.play_ok;
      last_failure = g_inbox.last_failure;
   }
   const double per_call_kb = up == 0 ? 0 : static_cast<double>(rss_after - rss_before) / static_cast<double>(up);
   const double cpu_pct = 100 * plugin_cpu / wall;
   std::printf("moh_bench: %zu calls placed at %.0f/s (%zu channels, %zu processing, ratio %lld; pinned %s)\n", n, g_opt.rate,
               static_cast<std::size_t>(channels), processing, static_cast<long long>(kRatio), pin ? "yes" : "no");
   std::printf("  setup %.1f s: %zu confirmed, %zu failed", setup_s, c.confirmed, c.failed);
   for (const auto &[status, count] : c.failures) std::printf(" [%d x %zu]", status, count);
   std::printf(", %zu retransmissions, %zu answered + play ok %zu, %zu command failures%s%s\n", c.retransmits, answered, plays,
               cmd_failed, last_failure.empty() ? "" : ": ", last_failure.c_str());
   print_drain("trunk.sip", d, up);
   std::printf("  plugin threads (%zu): %.2f CPU s over %.2f s = %.1f %% of a core = %.2f %% per 1,000 streams; %.3f ms per stream-second\n",
               plugin_threads, plugin_cpu, wall, cpu_pct, up == 0 ? 0 : cpu_pct * 1000 / static_cast<double>(up),
               up == 0 ? 0 : 1000 * plugin_cpu / (static_cast<double>(up) * wall));
   std::printf("  main thread (engine + callers) %.2f CPU s; receivers %.2f CPU s\n", main_cpu, d.cpu_s);
   std::printf("  memory: RSS %.1f MB before the calls, %.1f MB with %zu calls up: %.1f kB per waiting call (user space)\n",
               static_cast<double>(rss_before) / 1024, static_cast<double>(rss_after) / 1024, up, per_call_kb);
   std::printf("  hang-up: %zu BYEs answered, %zu ENDED events, %zu ended by the trunk\n", c.ended, ended, c.ended_by_trunk);
   std::printf("MOH_JSON {\"mode\":\"trunk\",\"calls\":%zu,\"confirmed\":%zu,\"failed\":%zu,\"channels\":%lld,\"setup_s\":%.2f,"
               "\"plugin_cpu_s\":%.3f,\"wall_s\":%.3f,\"plugin_cpu_pct\":%.2f,\"plugin_threads\":%zu,\"rss_before_kb\":%lld,"
               "\"rss_after_kb\":%lld,\"kb_per_call\":%.2f,\"byes_answered\":%zu,\"pinned\":%s,%s}\n",
               n, c.confirmed, c.failed, static_cast<long long>(channels), setup_s, plugin_cpu, wall, cpu_pct, plugin_threads,
               static_cast<long long>(rss_before), static_cast<long long>(rss_after), per_call_kb, c.ended, pin ? "true" : "false",
               drain_json(d).c_str());
   std::fflush(stdout);
}

int main(int argc, char **argv) {
   for (int i = 1; i < argc; ++i) {
      const std::string a = argv[i];
      const char *v = i + 1 < argc ? argv[i + 1] : "0";
      if (a == "--calls") g_opt.calls = static_cast<std::size_t>(std::clamp(std::atol(v), 1L, 20000L)), ++i;
      else if (a == "--seconds") g_opt.seconds = std::clamp(std::atof(v), 1.0, 60.0), ++i;
      else if (a == "--rate") g_opt.rate = std::clamp(std::atof(v), 1.0, 5000.0), ++i;
      else if (a == "--sink") g_opt.sink_port = std::clamp(std::atoi(v), 1024, 65000), ++i;
      else if (a == "--streams") g_opt.streams = static_cast<std::size_t>(std::clamp(std::atol(v), 1L, 20000L)), ++i;
      else if (a == "--no-pin") g_opt.pin = false;
      else {
         std::fprintf(stderr, "usage: moh_bench [--calls N] [--seconds T] [--rate R] [--no-pin] | --sink PORT --streams N --seconds T\n");
         return 2;
      }
   }
   raise_file_limit();
   if (g_opt.sink_port != 0) {
      if (g_opt.sink_port <= 5080 && g_opt.sink_port + kReceiverPorts > 5060) return 2;
      return run_sink();
   }
   Catch::Session session;
   const char *catch_args[] = {argv[0], "--reporter", "compact"};
   if (session.applyCommandLine(3, catch_args) != 0) return 2;
   return session.run();
}
