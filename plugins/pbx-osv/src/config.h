// SPDX-License-Identifier: GPL-3.0-or-later
// pbx.osv's settings, read and checked in one place for validate, create and reconfigure.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <portier/result.hpp>

#include "sync/sync_config.h"

namespace portier::osv {

struct Config {
   std::string host = "127.0.0.1";
   std::int64_t port = 1040;
   std::int64_t heartbeat_s = 30;
   std::int64_t request_timeout_ms = 10000;
   std::int64_t reconnect_min_ms = 500;
   std::int64_t reconnect_max_ms = 30000;
   // Geo-separated OpenScape Voice: the nodes come from the DNS SRV records of
   // `srv_name`.`domain` instead of host/port (docs/admin/pbx-osv.md).
   std::string domain;                              // "" = connect to host:port
   std::string dns_server;                          // "ip[:port]"; "" = /etc/resolv.conf
   std::string srv_name = "HiPath8000CSTASM._tcp";  // the manual's record name (4.6.3)
   std::int64_t dns_timeout_ms = 3000;
   std::int64_t connect_timeout_ms = 5000;          // per node
   // ECMA-354 application session after SystemRegister (csta-famos.md 1.4).
   bool application_session = false;
   std::string application_id = "Portier";
   std::int64_t session_duration_s = 600;
   SyncConfig sync;  // extension sync; sync.enabled() when configured
   // Devices the plugin monitors by itself once the link is up (busy lamps without an engine);
   // their DEVICE events carry correlation 0 and no RESULT is posted for them.
   std::vector<std::string> monitor;
};

inline constexpr std::size_t kMaxMonitorSetting = 10000;

Result<Config> read_config(std::string_view json);

}  // namespace portier::osv
