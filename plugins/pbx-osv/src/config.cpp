// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <portier/settings.hpp>

namespace portier::osv {

Result<Config> read_config(std::string_view json) {
   Settings s(json);
   Config c;
   c.host = s.get_string("host", c.host, 1, 253);
   c.port = s.get_int("port", c.port, 1, 65535);
   c.heartbeat_s = s.get_int("heartbeat_s", c.heartbeat_s, 5, 600);
   c.request_timeout_ms = s.get_int("request_timeout_ms", c.request_timeout_ms, 100, 600000);
   c.reconnect_min_ms = s.get_int("reconnect_min_ms", c.reconnect_min_ms, 10, 600000);
   c.reconnect_max_ms = s.get_int("reconnect_max_ms", c.reconnect_max_ms, 10, 3600000);
   if (c.reconnect_max_ms < c.reconnect_min_ms) {
      s.problem("reconnect_max_ms", "must not be below reconnect_min_ms");
   }
   if (auto checked = s.finish(); !checked.ok()) return checked.error();
   return c;
}

}  // namespace portier::osv
