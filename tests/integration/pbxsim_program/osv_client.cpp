// SPDX-License-Identifier: GPL-3.0-or-later
#include "osv_client.h"

#include <catch2/catch.hpp>

namespace simprog {

OsvClient::OsvClient(std::uint16_t port) {
   const std::string settings = "{\"port\":" + std::to_string(port) + ",\"reconnect_min_ms\":50}";
   std::string why;
   REQUIRE(osv.start(settings, why) == PORTIER_OK);
   pbx = static_cast<const portier_pbx_v1 *>(osv.plugin->get_interface(osv.inst, PORTIER_IF_PBX_1));
   REQUIRE(pbx != nullptr);
}

bool OsvClient::wait_running() {
   return osv.host.wait([this] {
      auto s = osv.host.states();
      return !s.empty() && s.back().first == PORTIER_STATE_RUNNING;
   }, std::chrono::seconds(10));
}

}  // namespace simprog
