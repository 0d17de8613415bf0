// SPDX-License-Identifier: GPL-3.0-or-later
// Runs an io_context in short slices until a condition holds or a limit passes (bounded).
#pragma once

#include <utility>  // before Asio with GCC 12 (toolchain.md)

#include <chrono>
#include <functional>

#include <boost/asio/io_context.hpp>

namespace sip_test {

inline void run_until(boost::asio::io_context &io, const std::function<bool()> &done,
                      std::chrono::milliseconds limit = std::chrono::milliseconds(3000)) {
   const auto until = std::chrono::steady_clock::now() + limit;
   io.restart();
   while (!done() && std::chrono::steady_clock::now() < until) io.run_for(std::chrono::milliseconds(5));
}

}  // namespace sip_test
