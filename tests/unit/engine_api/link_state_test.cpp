// SPDX-License-Identifier: GPL-3.0-or-later
// The PBX and trunk links' health as front ends get it: link_state events on changes only, and
// the last state of every link in the snapshot.
#include "api_rig.h"

namespace portier::engine::test {
namespace {

LinkState link(LinkKind kind, const std::string &id, LinkHealth state, const std::string &detail = "") {
   return LinkState{kind, id, state, detail};
}

std::size_t count(const ApiRig &rig, const std::string &event) {
   std::size_t n = 0;
   for (const nlohmann::json &e : rig.events)
      if (e.value("event", "") == event) ++n;
   return n;
}

}  // namespace

TEST_CASE("a link heard of for the first time is announced with its kind, id, state and detail") {
   ApiRig rig;
   rig.engine.on_link_state(link(LinkKind::trunk, "trunk", LinkHealth::degraded, "not registered: 403"));
   const nlohmann::json e = rig.last("link_state");
   REQUIRE(e.is_object());
   CHECK(e["link"] == "trunk");
   CHECK(e["id"] == "trunk");
   CHECK(e["state"] == "degraded");
   CHECK(e["detail"] == "not registered: 403");
   CHECK_FALSE(e.contains("tenant"));  // system-wide, like channel_alert
}

TEST_CASE("a PBX link that goes down and comes back is announced twice") {
   ApiRig rig;
   rig.engine.on_link_state(link(LinkKind::pbx, "osv", LinkHealth::up));
   rig.engine.on_link_state(link(LinkKind::pbx, "osv", LinkHealth::down, "CSTA link lost"));
   CHECK(rig.last("link_state")["state"] == "down");
   CHECK(rig.last("link_state")["link"] == "pbx");
   rig.engine.on_link_state(link(LinkKind::pbx, "osv", LinkHealth::up));
   CHECK(rig.last("link_state")["state"] == "up");
   CHECK(count(rig, "link_state") == 3);
}

TEST_CASE("a repeated link state is not announced again") {
   ApiRig rig;
   rig.engine.on_link_state(link(LinkKind::pbx, "osv", LinkHealth::down, "CSTA link lost"));
   rig.engine.on_link_state(link(LinkKind::pbx, "osv", LinkHealth::down, "CSTA link lost"));
   CHECK(count(rig, "link_state") == 1);
   // A new reason for the same state is news for the administrator.
   rig.engine.on_link_state(link(LinkKind::pbx, "osv", LinkHealth::down, "connection refused"));
   CHECK(count(rig, "link_state") == 2);
}

TEST_CASE("links of the same id but another kind are kept apart") {
   ApiRig rig;
   rig.engine.on_link_state(link(LinkKind::pbx, "x", LinkHealth::up));
   rig.engine.on_link_state(link(LinkKind::trunk, "x", LinkHealth::up));
   CHECK(count(rig, "link_state") == 2);
}

TEST_CASE("the snapshot lists every link with its last state") {
   ApiRig rig;
   const nlohmann::json before = rig.command({{"type", "snapshot"}});
   REQUIRE(before["ok"] == true);
   CHECK(before["snapshot"]["links"] == nlohmann::json::array());

   rig.engine.on_link_state(link(LinkKind::trunk, "sip", LinkHealth::up));
   rig.engine.on_link_state(link(LinkKind::pbx, "osv", LinkHealth::up));
   rig.engine.on_link_state(link(LinkKind::pbx, "osv", LinkHealth::down, "CSTA link lost"));
   const nlohmann::json links = rig.command({{"type", "snapshot"}})["snapshot"]["links"];
   REQUIRE(links.size() == 2);
   CHECK(links[0] == nlohmann::json{{"link", "pbx"}, {"id", "osv"}, {"state", "down"}, {"detail", "CSTA link lost"}});
   CHECK(links[1] == nlohmann::json{{"link", "trunk"}, {"id", "sip"}, {"state", "up"}, {"detail", ""}});
}

TEST_CASE("link states leave the calls held alone") {
   ApiRig rig;
   rig.incoming("c1", "+4930901820");
   rig.engine.on_link_state(link(LinkKind::trunk, "sip", LinkHealth::down, "stopped"));
   CHECK(rig.engine.find_call("c1") != nullptr);
   CHECK(rig.trunk.of("hangup").empty());
}

}  // namespace portier::engine::test
