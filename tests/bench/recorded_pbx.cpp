// SPDX-License-Identifier: GPL-3.0-or-later
#include "recorded_pbx.h"

#include <chrono>
#include <ctime>

#include <sched.h>
#include <cstdio>
#include <variant>

#include "csta_stream.h"
#include "portier/csta/builders.h"
#include "portier/csta/framing.h"
#include "portier/csta/parser.h"
#include "portier/csta/server_builders.h"

namespace portier::bench {

namespace asio = boost::asio;
using namespace portier::csta;

namespace {

double thread_cpu_seconds() {
   timespec cpu{};
   clock_gettime(CLOCK_THREAD_CPUTIME_ID, &cpu);
   return static_cast<double>(cpu.tv_sec) + static_cast<double>(cpu.tv_nsec) * 1e-9;
}

}  // namespace

RecordedPbx::RecordedPbx() : acceptor_(io_, {asio::ip::make_address("127.0.0.1"), 0}) {
   port_ = acceptor_.local_endpoint().port();
}

RecordedPbx::~RecordedPbx() {
   stop_ = true;
   boost::system::error_code ignored;
   acceptor_.close(ignored);
   if (thread_.joinable()) thread_.join();
}

void RecordedPbx::play(std::string stream, std::size_t frames, int monitors, std::size_t window,
                       const std::atomic<std::size_t> &delivered, int cpu) {
   cpu_ = cpu;
   stream_ = std::move(stream);
   frames_ = frames;
   monitors_ = monitors;
   window_ = window;
   delivered_ = &delivered;
   thread_ = std::thread([this] { run(); });
}

void RecordedPbx::run() {
   if (cpu_ >= 0) {
      cpu_set_t one;
      CPU_ZERO(&one);
      CPU_SET(cpu_, &one);
      sched_setaffinity(0, sizeof one, &one);
   }
   asio::ip::tcp::socket socket(io_);
   boost::system::error_code ec;
   acceptor_.accept(socket, ec);
   if (ec) return;
   socket.set_option(asio::ip::tcp::no_delay(true));
   auto send = [&](std::uint16_t id, const std::string &xml) {
      asio::write(socket, asio::buffer(*encode_frame(id, xml)), ec);
   };
   send(1, build(SystemStatus{}));
   FrameReader reader;
   Parser parser;
   int monitored = 0;
   char buffer[65536];
   // The session: answer until every monitor is up and its state read.
   while (!stop_ && monitored < monitors_) {
      const auto n = socket.read_some(asio::buffer(buffer), ec);
      if (ec) return;
      reader.feed(std::string_view(buffer, n));
      while (auto frame = reader.pop()) {
         auto parsed = parser.parse(frame->xml);
         if (!parsed) continue;
         const auto &m = *parsed.message;
         const auto id = frame->invoke_id;
         if (std::holds_alternative<SystemRegister>(m)) {
            send(id, build(SystemRegisterResponse{"1"}));
         } else if (std::holds_alternative<SystemStatus>(m)) {
            send(id, build(SystemStatusResponse{}));
         } else if (std::holds_alternative<MonitorStart>(m)) {
            send(id, build(MonitorStartResponse{cross_ref_of(monitored++)}));
         } else if (std::holds_alternative<SnapshotDevice>(m)) {
            send(id, build(SnapshotDeviceResponse{}));
         } else if (std::holds_alternative<GetForwarding>(m)) {
            send(id, build(GetForwardingResponse{}));
         } else if (std::holds_alternative<GetDoNotDisturb>(m)) {
            send(id, build(GetDoNotDisturbResponse{}));
         }
      }
   }
   // The driver still reads the last snapshots' answers; give its requests a moment to drain by
   // answering them while the stream starts.
   socket.non_blocking(true);
   playing = true;
   const double cpu_at_start = thread_cpu_seconds();
   std::size_t at = 0;
   std::size_t sent_frames = 0;
   while (!stop_ && at < stream_.size()) {
      if (sent_frames - std::min(sent_frames, delivered_->load()) > window_) {
         std::this_thread::sleep_for(std::chrono::microseconds(200));
      } else {
         // Up to 64 frames per write; frame boundaries come from the length field.
         std::size_t end = at;
         for (int k = 0; k < 64 && end < stream_.size(); ++k, ++sent_frames) {
            end += (static_cast<unsigned char>(stream_[end + 2]) << 8) | static_cast<unsigned char>(stream_[end + 3]);
         }
         socket.non_blocking(false);
         asio::write(socket, asio::buffer(stream_.data() + at, end - at), ec);
         if (ec) return;
         at = end;
      }
      // Answer whatever the driver still asks (snapshots, heartbeats) without blocking.
      socket.non_blocking(true);
      const auto n = socket.read_some(asio::buffer(buffer), ec);
      if (!ec && n > 0) {
         reader.feed(std::string_view(buffer, n));
         while (auto frame = reader.pop()) {
            auto parsed = parser.parse(frame->xml);
            if (!parsed) continue;
            const auto &m = *parsed.message;
            socket.non_blocking(false);
            if (std::holds_alternative<SystemStatus>(m)) send(frame->invoke_id, build(SystemStatusResponse{}));
            if (std::holds_alternative<SnapshotDevice>(m)) send(frame->invoke_id, build(SnapshotDeviceResponse{}));
            if (std::holds_alternative<GetForwarding>(m)) send(frame->invoke_id, build(GetForwardingResponse{}));
            if (std::holds_alternative<GetDoNotDisturb>(m)) send(frame->invoke_id, build(GetDoNotDisturbResponse{}));
            socket.non_blocking(true);
         }
      }
      ec.clear();
   }
   cpu_seconds_ = thread_cpu_seconds() - cpu_at_start;
   finished = true;
   // Keep the link open until the benchmark ends.
   socket.non_blocking(false);
   while (!stop_) std::this_thread::sleep_for(std::chrono::milliseconds(5));
}

}  // namespace portier::bench
