// SPDX-License-Identifier: GPL-3.0-or-later
// Reconnect at scale: 1,000 monitored devices, the simulator drops the link, many devices change
// while it is down, and after the reconnect the driver's last reported state of every device is
// the office's truth: no change is missed, none is invented.
#include <map>
#include <string>

#include <catch2/catch.hpp>

#include "e2e_support.h"

namespace {

using namespace portier::pbxsim;
using simtest::Rig;

constexpr int kDevices = 1000;

std::string number(int i) { return std::to_string(7000 + i); }

struct Truth {
   std::int32_t state = 0;
   std::string forward_to;
};

std::map<std::string, Truth> office_truth(Rig &rig) {
   return rig.sim.on_sim([&] {
      std::map<std::string, Truth> out;
      for (int i = 0; i < kDevices; ++i) {
         auto snap = rig.sim.office.snapshot_device(number(i));
         out[number(i)] = {static_cast<std::int32_t>(snap.value.state), snap.value.forward_to};
      }
      return out;
   });
}

// Devices whose last reported state differs from the office's.
int mismatches(Rig &rig, const std::map<std::string, Truth> &truth) {
   const auto reported = e2e::last_device_events(rig);
   int wrong = 0;
   for (const auto &[device, t] : truth) {
      auto it = reported.find(device);
      if (it == reported.end() || it->second.state != t.state || t.forward_to != it->second.forward_to) ++wrong;
   }
   return wrong;
}

// While the link is down: every kind of state, spread over the devices.
void change_everything(Office &office) {
   for (int i = 9; i < kDevices; i += 10) REQUIRE(office.set_dnd(number(i), false).ok());  // on before the drop
   for (int i = 0; i < kDevices; ++i) {
      const std::string me = number(i);
      switch (i % 7) {
      case 0: REQUIRE(office.set_dnd(me, true).ok()); break;
      case 1: REQUIRE(office.set_forwarding(me, ForwardType::unconditional, true, "100").ok()); break;
      case 2: REQUIRE(office.set_in_service(me, false).ok()); break;
      case 3:  // calls the next one, which rings
         if (i + 1 < kDevices) REQUIRE(office.make_call(me, number(i + 1)).ok());
         break;
      case 5:  // calls the next one, which answers and holds
         if (i + 1 < kDevices) {
            auto call = office.make_call(me, number(i + 1));
            REQUIRE(call.ok());
            REQUIRE(office.answer(number(i + 1), call.value.call_id).ok());
            REQUIRE(office.hold(number(i + 1), call.value.call_id).ok());
         }
         break;
      default: break;
      }
   }
}

}  // namespace

TEST_CASE("after a drop with 1,000 monitors, every device changed while the link was down ends in its new state") {
   Rig rig(kDevices);
   rig.wait_running();
   portier_error err = PORTIER_ERROR_INIT;
   for (int i = 0; i < kDevices; ++i) {
      REQUIRE(rig.pbx->monitor_start(rig.inst, number(i).c_str(), 1 + static_cast<std::uint64_t>(i), &err) ==
              PORTIER_PENDING);
   }
   // before the drop: DND on at every tenth device, seen by the driver
   REQUIRE(rig.sim.on_sim([&] {
      for (int i = 9; i < kDevices; i += 10) {
         if (!rig.sim.office.set_dnd(number(i), true).ok()) return false;
      }
      return true;
   }));
   const auto before = office_truth(rig);
   REQUIRE(rig.host.wait([&] { return mismatches(rig, before) == 0; }, std::chrono::seconds(30)));

   // the host clock stands still, so the driver cannot reconnect until the test moves it
   rig.sim.server.drop_all_connections();
   REQUIRE(rig.host.wait([&] { return !rig.running(); }));
   REQUIRE(rig.sim.on_sim([&] { return rig.sim.office.monitor_count(); }) == 0);
   rig.sim.on_sim([&] {
      change_everything(rig.sim.office);
      return true;
   });
   CHECK(!rig.running());
   const auto after = office_truth(rig);
   int changed = 0;
   for (const auto &[device, t] : after) changed += t.state != before.at(device).state ? 1 : 0;
   REQUIRE(changed > kDevices / 2);
   REQUIRE(mismatches(rig, after) >= changed);  // the driver has not seen any of it yet

   bool back = false;
   for (int i = 0; i < 100 && !back; ++i) {
      rig.host.advance(100);
      back = rig.host.wait([&] { return rig.running(); }, std::chrono::milliseconds(50));
   }
   REQUIRE(back);
   const bool converged = rig.host.wait([&] { return mismatches(rig, after) == 0; }, std::chrono::seconds(30));
   CHECK(mismatches(rig, after) == 0);
   CHECK(converged);
   CHECK(rig.sim.on_sim([&] { return rig.sim.office.monitor_count(); }) == kDevices);
}
