// SPDX-License-Identifier: GPL-3.0-or-later
// A minimal OpenScape Voice for the event benchmark: on 127.0.0.1 it opens the session with
// SystemStatus, registers, answers MonitorStart with the stream's cross reference ids (in arrival
// order), snapshots as idle, forwarding and DND as off, and then plays a recorded event stream,
// never more than `window` events ahead of what the engine has received.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <thread>

#include <utility>  // before asio: Boost 1.74 misses it under C++20

#include <boost/asio.hpp>

namespace portier::bench {

class RecordedPbx {
public:
   RecordedPbx();
   ~RecordedPbx();
   std::uint16_t port() const { return port_; }

   // Plays `stream` (whole frames back to back, `frames` of them) once the driver has monitored
   // `monitors` devices, pausing while more than `window` frames are ahead of `delivered`. The
   // peer's thread runs on CPU `cpu` when that is >= 0 (the PBX is another machine: its sending
   // is not Portier's work).
   void play(std::string stream, std::size_t frames, int monitors, std::size_t window,
             const std::atomic<std::size_t> &delivered, int cpu = -1);

   // The CPU time the peer's thread spent playing the stream, in seconds, once `finished`.
   double cpu_seconds() const { return cpu_seconds_.load(); }

   // Set by the peer: when the first and the last byte of the stream went out.
   std::atomic<bool> playing{false};
   std::atomic<bool> finished{false};

private:
   void run();

   boost::asio::io_context io_;
   boost::asio::ip::tcp::acceptor acceptor_;
   std::uint16_t port_ = 0;
   std::string stream_;
   std::size_t frames_ = 0;
   int monitors_ = 0;
   std::size_t window_ = 0;
   const std::atomic<std::size_t> *delivered_ = nullptr;
   std::atomic<bool> stop_{false};
   std::atomic<double> cpu_seconds_{0};
   int cpu_ = -1;
   std::thread thread_;
};

}  // namespace portier::bench
