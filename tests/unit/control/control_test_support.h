// SPDX-License-Identifier: GPL-3.0-or-later
// A ControlServer on its own loop thread, a temp folder, and a raw socket client for tests.
#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <thread>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>

#include "control/control_server.h"

namespace portier::control::test {

// A fresh folder under /tmp (short, so socket paths fit sun_path), removed afterwards.
class TempDir {
 public:
   TempDir();
   ~TempDir();
   TempDir(const TempDir &) = delete;
   TempDir &operator=(const TempDir &) = delete;
   const std::filesystem::path &path() const { return path_; }

 private:
   std::filesystem::path path_;
};

// The server runs on a loop thread, as in portierd; open() happens before the thread starts.
class RunningServer {
 public:
   RunningServer(const std::filesystem::path &socket, Handler handler);
   ~RunningServer();
   RunningServer(const RunningServer &) = delete;
   RunningServer &operator=(const RunningServer &) = delete;

   bool started() const { return server_ != nullptr; }
   const std::string &error() const { return error_; }
   boost::asio::io_context &io() { return io_; }
   // Closes the server on its loop thread and waits for that to happen.
   void close();

 private:
   boost::asio::io_context io_;
   boost::asio::executor_work_guard<boost::asio::io_context::executor_type> guard_;
   std::unique_ptr<ControlServer> server_;
   std::string error_;
   std::thread thread_;
};

struct RawResult {
   std::string received;  // everything until the server closed, or the deadline
   bool closed = false;   // the server closed the connection before the deadline
   std::chrono::milliseconds elapsed{0};
};

// Connects, sends `bytes` (optionally shutting down the sending side), reads until the server
// closes or `timeout` passes.
RawResult raw_exchange(const std::filesystem::path &socket, const std::string &bytes,
                       bool shutdown_write, std::chrono::milliseconds timeout);

// Binds a Unix socket at `path` and closes it without listening: what a crashed daemon leaves.
void make_stale_socket(const std::filesystem::path &path);

}  // namespace portier::control::test
