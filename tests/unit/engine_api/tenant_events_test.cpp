// SPDX-License-Identifier: GPL-3.0-or-later
// Every event and snapshot item about a call, queue, attendant or statistics row names its
// tenant, so that front ends can keep each tenant's data from the others (issue 6).
#include <catch2/catch.hpp>

#include "tenant_rig.h"

using namespace portier::engine;
using nlohmann::json;

namespace {


using test::kAcme;
using test::kAcmePilot;
using test::kPilot;

}  // namespace

TEST_CASE("every event of a call's life and of its attendant names the call's tenant") {
   test::TenantRig rig;
   REQUIRE(rig.log_on_in("bert", kAcme, kAcmePilot, "+49897007200", true)["ok"] == true);
   rig.call_to("c1", "+4930901820", kAcmePilot);
   rig.connect("c1");
   rig.engine.on_media_done("c1", "nothing-playing");
   rig.engine.on_ended("c1", 0);
   REQUIRE(rig.command({{"type", "log_off"}, {"attendant", "bert"}})["ok"] == true);
   for (const char *name : {"call_queued", "call_offered", "call_connected", "call_ended", "attendant_changed"}) {
      INFO(name);
      CHECK(!rig.last(name).is_null());
   }
   for (const json &e : rig.events) {
      INFO(e.dump());
      CHECK(e.value("tenant", "") == kAcme);
   }
   CHECK(rig.last("attendant_changed")["state"] == "logged_off");
}

TEST_CASE("an unanswered offer and a note about a held call name the tenant too") {
   test::TenantRig rig;
   REQUIRE(rig.log_on_in("bert", kAcme, kAcmePilot, "+49897007200", true)["ok"] == true);
   rig.call_to("c1", "+4930901820", kAcmePilot);
   rig.timers.advance(1000 + 10000);  // offered, then the RNA timeout takes it back
   REQUIRE(rig.last("call_taken_back")["tenant"] == kAcme);
   rig.call_to("c1", "+4930901820", kAcmePilot);  // a duplicate id: noted, about an ACME call
   CHECK(rig.last("note")["tenant"] == kAcme);
   rig.engine.on_answered("nobody");
   CHECK(!rig.last("note").contains("tenant"));  // an unknown call: system-wide
}

TEST_CASE("a call for a number of no tenant ends rejected without a tenant") {
   test::TenantRig rig;
   rig.call_to("c1", "+4930901820", "+4989000000");
   const json ended = rig.last("call_ended");
   CHECK(ended["reason"] == "rejected");
   CHECK(!ended.contains("tenant"));
}

TEST_CASE("call_queued carries the caller's number and the DDI entry's company, and a withheld caller has none") {
   test::TenantRig rig;
   rig.call_to("c1", "+4930901820", kAcmePilot);
   rig.call_to("c2", "", kPilot);
   rig.timers.advance(1000);
   const json *acme = nullptr;
   const json *plain = nullptr;
   for (const json &e : rig.events) {
      if (e["event"] != "call_queued") continue;
      (e["call_id"] == "c1" ? acme : plain) = &e;
   }
   REQUIRE(acme != nullptr);
   REQUIRE(plain != nullptr);
   CHECK((*acme)["caller"] == "+4930901820");
   CHECK((*acme)["company"] == "Acme Ltd");
   CHECK((*acme)["tenant"] == kAcme);
   CHECK(!plain->contains("caller"));
   CHECK(!plain->contains("company"));
   CHECK((*plain)["tenant"] == "DEFAULT");
}

TEST_CASE("the snapshot's calls and queues name their tenant, caller and company") {
   test::TenantRig rig;
   REQUIRE(rig.log_on_in("bert", kAcme, kAcmePilot, "+49897007200", false)["ok"] == true);
   rig.call_to("c1", "+4930901820", kAcmePilot);
   rig.call_to("c2", "", kPilot);
   rig.timers.advance(1000);
   const json snap = rig.command({{"type", "snapshot"}})["snapshot"];
   REQUIRE(snap["calls"].size() == 2);
   for (const json &call : snap["calls"]) {
      if (call["call_id"] == "c1") {
         CHECK(call["tenant"] == kAcme);
         CHECK(call["caller"] == "+4930901820");
         CHECK(call["company"] == "Acme Ltd");
      } else {
         CHECK(call["tenant"] == "DEFAULT");
         CHECK(!call.contains("caller"));
         CHECK(!call.contains("company"));
      }
   }
   REQUIRE(snap["queues"].size() == 2);
   for (const json &queue : snap["queues"]) {
      CHECK(queue["tenant"] == (queue["queue"] == kAcmePilot ? kAcme : "DEFAULT"));
   }
   REQUIRE(snap["attendants"].size() == 1);
   CHECK(snap["attendants"][0]["tenant"] == kAcme);
}

TEST_CASE("statistics rows are tagged with the tenant of their DDI entry, personal line or attendant") {
   test::TenantRig rig;
   REQUIRE(rig.command({{"type", "log_on"}, {"attendant", "bert"}, {"tenant", kAcme}, {"device", "+49897007200"},
                        {"personal_line", "+49897007299"}, {"pilots", {kAcmePilot}}})["ok"] == true);
   const StatisticsHandler stats = [](const json &) {
      return json{{"type", "answer"},
                  {"ok", true},
                  {"statistics",
                   {{"ddi", {{{"number", kAcmePilot}}, {{"number", kPilot}}, {{"number", "+4989000000"}}}},
                    {"personal_lines", {{{"number", "+49897007299"}}}},
                    {"attendants", {{{"attendant", "bert"}}, {{"attendant", "gone"}}}}}}};
   };
   const json answer = handle_client_command(rig.engine, {{"type", "statistics"}}, 0, stats);
   const json &s = answer["statistics"];
   CHECK(s["ddi"][0]["tenant"] == kAcme);
   CHECK(s["ddi"][1]["tenant"] == "DEFAULT");
   CHECK(!s["ddi"][2].contains("tenant"));  // no such DDI entry now: nobody's but the system's
   CHECK(s["personal_lines"][0]["tenant"] == kAcme);
   CHECK(s["attendants"][0]["tenant"] == kAcme);
   CHECK(!s["attendants"][1].contains("tenant"));
}
