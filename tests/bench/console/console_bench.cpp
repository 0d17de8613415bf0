// SPDX-License-Identifier: GPL-3.0-or-later
// console_bench: 50 consoles on client.web's WebSocket while bench.pulse makes the engine emit
// events at a fixed rate; the delay from the engine's event to each console's receipt.
//
//   console_bench --port P --cookies FILE --trigger PATH --record PATH --pid PID --seconds S
//
// FILE has one session cookie ("portier_session=...") per line, one console each. Every console
// connects to ws://127.0.0.1:P/ws and must get its snapshot; then PATH (trigger) is created and
// bench.pulse starts. For every attendant_changed event of a "pulse-" attendant each console
// notes CLOCK_MONOTONIC when its read completed. bench.pulse writes its own stamps (the same
// clock, taken when the kernel handed the event to the client plugins) to the record file when
// its last event is out. The n-th event a console got is the n-th stamp (one I/O thread, one
// engine thread: order is kept; the attendant and state are checked). portierd's CPU comes from
// /proc/PID/stat over the pulse. Exit 0, or 1 when an event was lost, out of order or a console
// failed. Figures only: the 50 ms target is reported, not enforced.
#include <utility>  // before asio: Boost 1.74 misses it under C++20

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <unistd.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

namespace {

constexpr std::chrono::milliseconds kPoll{20};
constexpr std::chrono::seconds kConnectWithin{30};
constexpr std::chrono::seconds kDrainWithin{5};  // after the record: consoles still reading

std::int64_t now_ns() {
   return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now().time_since_epoch()).count();
}

struct Receipt {
   std::int64_t ns;
   int who;     // NNN of "pulse-NNN"
   char state;  // 'a' available, 'u' unavailable, '?' other
};

// The attendant number and state of a pulse event in the engine's compact JSON; false for any
// other message.
bool read_pulse_event(std::string_view text, int &who, char &state) {
   if (text.find("\"attendant_changed\"") == std::string_view::npos) return false;
   constexpr std::string_view kWho = "\"attendant\":\"pulse-";
   const std::size_t at = text.find(kWho);
   if (at == std::string_view::npos) return false;
   const char *from = text.data() + at + kWho.size();
   if (std::from_chars(from, text.data() + text.size(), who).ec != std::errc()) return false;
   constexpr std::string_view kState = "\"state\":\"";
   const std::size_t s = text.find(kState);
   state = '?';
   if (s != std::string_view::npos) {
      const std::string_view v = text.substr(s + kState.size());
      if (v.rfind("available\"", 0) == 0) state = 'a';
      if (v.rfind("unavailable\"", 0) == 0) state = 'u';
   }
   return true;
}

struct Console {
   explicit Console(asio::io_context &io) : ws(io) {}
   websocket::stream<beast::tcp_stream> ws;
   beast::flat_buffer buffer;
   bool snapshot = false;
   bool failed = false;
   std::string why;
   std::uint64_t messages = 0;  // during the pulse
   std::uint64_t bytes = 0;     // payload, during the pulse
   std::vector<Receipt> receipts;
};

bool g_pulsing = false;  // set when the trigger is created; the io thread only

void read_next(Console &c) {
   c.ws.async_read(c.buffer, [&c](beast::error_code ec, std::size_t n) {
      const std::int64_t t = now_ns();  // first: the receipt is the figure's end
      if (ec) {
         c.failed = true;
         c.why = ec.message() + (ec == websocket::error::closed ? " (code " + std::to_string(c.ws.reason().code) + ")" : "");
         return;
      }
      const auto data = c.buffer.data();
      const std::string_view text(static_cast<const char *>(data.data()), data.size());
      if (!c.snapshot && text.find("\"snapshot\"") != std::string_view::npos) c.snapshot = true;
      if (g_pulsing) {
         ++c.messages;
         c.bytes += n;
         Receipt r{t, 0, '?'};
         if (read_pulse_event(text, r.who, r.state)) c.receipts.push_back(r);
      }
      c.buffer.consume(n);
      read_next(c);
   });
}

// utime + stime of PID in seconds; -1 when unreadable.
double cpu_seconds(long pid) {
   std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
   std::string stat;
   if (!std::getline(in, stat)) return -1;
   const std::size_t paren = stat.rfind(')');  // the command name may hold spaces
   if (paren == std::string::npos) return -1;
   std::istringstream fields(stat.substr(paren + 2));
   std::string field;
   unsigned long utime = 0, stime = 0;
   for (int i = 3; i <= 15 && fields >> field; ++i) {  // field 3 is the state
      if (i == 14) utime = std::stoul(field);
      if (i == 15) stime = std::stoul(field);
   }
   return static_cast<double>(utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

struct Stamp {
   std::int64_t ns;
   int who;
   char state;
};

struct Record {
   std::string header;
   std::vector<Stamp> stamps;
};

Record read_record(const std::string &path) {
   Record r;
   std::ifstream in(path);
   std::string line;
   while (std::getline(in, line)) {
      if (!line.empty() && line[0] == '#') {
         r.header = line.substr(2);
         continue;
      }
      std::istringstream f(line);
      std::int64_t ns = 0;
      std::string who, state;
      if (!(f >> ns >> who >> state) || who.rfind("pulse-", 0) != 0) continue;
      r.stamps.push_back(Stamp{ns, std::stoi(who.substr(6)), state == "available" ? 'a' : state == "unavailable" ? 'u' : '?'});
   }
   return r;
}

double ms(std::int64_t ns) { return static_cast<double>(ns) / 1e6; }

// Runs the loop in kPoll steps until `done` or `within` passes; false on the timeout.
template <class Done>
bool run_until(asio::io_context &io, Done done, std::chrono::steady_clock::duration within) {
   const auto deadline = Clock::now() + within;
   while (!done()) {
      if (Clock::now() >= deadline) return false;
      io.restart();
      io.run_for(kPoll);
   }
   return true;
}

struct Args {
   unsigned short port = 0;
   std::string cookies, trigger, record;
   long pid = 0;
   int seconds = 20;
};

bool parse_args(int argc, char **argv, Args &a) {
   for (int i = 1; i + 1 < argc; i += 2) {
      const std::string_view k = argv[i];
      const std::string v = argv[i + 1];
      if (k == "--port") a.port = static_cast<unsigned short>(std::stoi(v));
      else if (k == "--cookies") a.cookies = v;
      else if (k == "--trigger") a.trigger = v;
      else if (k == "--record") a.record = v;
      else if (k == "--pid") a.pid = std::stol(v);
      else if (k == "--seconds") a.seconds = std::stoi(v);
      else return false;
   }
   return argc % 2 == 1 && a.port != 0 && !a.cookies.empty() && !a.trigger.empty() && !a.record.empty() && a.pid > 0;
}

}  // namespace

int main(int argc, char **argv) {
   Args args;
   if (!parse_args(argc, argv, args)) {
      std::cerr << "usage: console_bench --port P --cookies FILE --trigger PATH --record PATH --pid PID --seconds S\n";
      return 2;
   }
   std::vector<std::string> cookies;
   {
      std::ifstream in(args.cookies);
      for (std::string line; std::getline(in, line);) {
         if (!line.empty()) cookies.push_back(line);
      }
   }
   asio::io_context io;
   std::vector<std::unique_ptr<Console>> consoles;
   const tcp::endpoint server(asio::ip::make_address("127.0.0.1"), args.port);
   try {
      for (const std::string &cookie : cookies) {
         auto c = std::make_unique<Console>(io);
         beast::get_lowest_layer(c->ws).connect(server);
         c->ws.set_option(websocket::stream_base::decorator(
             [cookie](websocket::request_type &req) { req.set(http::field::cookie, cookie); }));
         c->ws.handshake("127.0.0.1:" + std::to_string(args.port), "/ws");
         consoles.push_back(std::move(c));
      }
   } catch (const std::exception &e) {
      std::cerr << "console_bench: console " << consoles.size() + 1 << " could not connect: " << e.what() << "\n";
      return 1;
   }
   for (auto &c : consoles) read_next(*c);
   const auto all = [&](auto pred) { return std::all_of(consoles.begin(), consoles.end(), [&](auto &c) { return pred(*c); }); };
   if (!run_until(io, [&] { return all([](const Console &c) { return c.snapshot || c.failed; }); }, kConnectWithin) ||
       !all([](const Console &c) { return c.snapshot; })) {
      std::cerr << "console_bench: not every console got its snapshot\n";
      return 1;
   }

   const double cpu0 = cpu_seconds(args.pid);
   const auto t0 = Clock::now();
   g_pulsing = true;
   std::ofstream(args.trigger) << "go\n";
   std::error_code fs_ec;
   const bool recorded = run_until(io, [&] { return std::filesystem::exists(args.record, fs_ec); },
                                   std::chrono::seconds(args.seconds + 60));
   const double cpu1 = cpu_seconds(args.pid);
   const double wall = std::chrono::duration<double>(Clock::now() - t0).count();
   if (!recorded) {
      std::cerr << "console_bench: bench.pulse wrote no record within " << args.seconds + 60 << " s\n";
      return 1;
   }
   const Record record = read_record(args.record);
   const std::size_t expected = record.stamps.size();
   run_until(io, [&] { return all([&](const Console &c) { return c.failed || c.receipts.size() >= expected; }); },
             kDrainWithin);

   std::vector<std::int64_t> delays;
   delays.reserve(expected * consoles.size());
   std::size_t missing = 0, out_of_order = 0, failed = 0;
   std::uint64_t min_events = UINT64_MAX, max_events = 0, bytes = 0;
   for (const auto &c : consoles) {
      if (c->failed) {
         ++failed;
         std::cerr << "console_bench: a console failed: " << c->why << "\n";
      }
      const std::size_t n = std::min(c->receipts.size(), expected);
      missing += expected - n;
      for (std::size_t i = 0; i < n; ++i) {
         const Receipt &r = c->receipts[i];
         const Stamp &s = record.stamps[i];
         if (r.who != s.who || r.state != s.state) {
            ++out_of_order;
            continue;
         }
         delays.push_back(r.ns - s.ns);
      }
      min_events = std::min<std::uint64_t>(min_events, c->receipts.size());
      max_events = std::max<std::uint64_t>(max_events, c->receipts.size());
      bytes += c->bytes;
   }
   std::sort(delays.begin(), delays.end());
   const auto pct = [&](double p) {
      if (delays.empty()) return 0.0;
      const std::size_t i = std::min(delays.size() - 1, static_cast<std::size_t>(p * static_cast<double>(delays.size())));
      return ms(delays[i]);
   };
   const double p99 = pct(0.99);
   std::printf("console_bench: %zu consoles on ws://127.0.0.1:%u/ws, bench.pulse: %s\n", consoles.size(),
               static_cast<unsigned>(args.port), record.header.c_str());
   std::printf("  delay = CLOCK_MONOTONIC when a console's WebSocket read completed minus CLOCK_MONOTONIC when\n"
               "  portierd's kernel handed the engine's event to the client plugins (bench.pulse, loaded first,\n"
               "  stamps it; client.web gets it next): client.web's fan-out, scoping, send queue, loopback TCP and\n"
               "  the bench's own single reader thread are inside; the engine's command processing is not.\n");
   std::printf("  events: %zu emitted over %.1f s (%.0f/s); per console received min %llu max %llu\n", expected, wall,
               static_cast<double>(expected) / wall, static_cast<unsigned long long>(min_events),
               static_cast<unsigned long long>(max_events));
   std::printf("  bytes per console: %.0f (%.0f per event, payload)\n",
               consoles.empty() ? 0.0 : static_cast<double>(bytes) / static_cast<double>(consoles.size()),
               expected == 0 || consoles.empty() ? 0.0 : static_cast<double>(bytes) / static_cast<double>(consoles.size()) / static_cast<double>(expected));
   std::printf("  delay over %zu receipts: p50 %.2f ms  p90 %.2f ms  p99 %.2f ms  max %.2f ms\n", delays.size(), pct(0.50),
               pct(0.90), p99, delays.empty() ? 0.0 : ms(delays.back()));
   std::printf("  portierd CPU over the pulse: %.2f s in %.1f s = %.0f %% of one core\n", cpu1 - cpu0, wall,
               wall > 0 ? 100.0 * (cpu1 - cpu0) / wall : 0.0);
   std::printf("  target p99 < 50 ms: %s; missing %zu, out of order %zu, failed consoles %zu\n",
               p99 < 50.0 ? "met" : "NOT met", missing, out_of_order, failed);
   for (auto &c : consoles) {
      beast::error_code ignored;
      beast::get_lowest_layer(c->ws).socket().close(ignored);
   }
   return missing == 0 && out_of_order == 0 && failed == 0 && expected > 0 ? 0 : 1;
}
