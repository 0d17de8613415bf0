// SPDX-License-Identifier: GPL-3.0-or-later
// pbx.osv's settings, read and checked in one place for validate, create and reconfigure.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <portier/result.hpp>

namespace portier::osv {

struct Config {
   std::string host = "127.0.0.1";
   std::int64_t port = 1040;
   std::int64_t heartbeat_s = 30;
   std::int64_t request_timeout_ms = 10000;
   std::int64_t reconnect_min_ms = 500;
   std::int64_t reconnect_max_ms = 30000;
};

Result<Config> read_config(std::string_view json);

}  // namespace portier::osv
