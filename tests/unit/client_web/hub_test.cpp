// SPDX-License-Identifier: GPL-3.0-or-later
// The hub between consoles and a fake engine: a portier.host.client/1 that records what is
// submitted and answers as the test says.
#include <catch2/catch.hpp>

#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "hub.h"

namespace web = portier::web;
using nlohmann::json;

struct portier_host_ctx {
   std::vector<std::pair<std::uint64_t, std::string>> submitted;
   portier_status next = PORTIER_PENDING;
};

namespace {

portier_status PORTIER_ABI fake_submit(portier_host_ctx *ctx, uint64_t request_id, portier_str text,
                                       portier_error *err) {
   if (ctx->next != PORTIER_PENDING) {
      portier_copy_str(err->message, sizeof err->message, "engine queue full");
      return ctx->next;
   }
   ctx->submitted.emplace_back(request_id, std::string(text.data, text.size));
   return PORTIER_PENDING;
}

// final: the outbox's destructor is protected and non-virtual; shared_ptr destroys this type.
struct FakeConsole final : web::ConsoleOutbox {
   std::vector<json> got;
   int closed_with = 0;
   std::string close_reason;
   void send(web::Message m) override { got.push_back(json::parse(*m)); }
   void close(std::uint16_t code, std::string reason) override {
      closed_with = code;
      close_reason = std::move(reason);
   }
};

web::Scope scope(const std::string &tenant, const std::string &user, web::Role role = web::Role::attendant,
                 const std::string &session = "s-default") {
   return web::Scope{web::Account{tenant, user, role}, session};
}

// A console of DEFAULT's system manager: sees everything, acts unchanged.
web::Scope root_scope() { return scope("DEFAULT", "root", web::Role::system_manager); }

struct HubRig {
   portier_host_ctx engine;
   portier_host raw{};
   portier_host_client_v1 client{sizeof(portier_host_client_v1), &fake_submit};
   std::unique_ptr<web::Hub> hub;

   HubRig() {
      raw.struct_size = sizeof raw;
      raw.ctx = &engine;
      hub = std::make_unique<web::Hub>(portier::Host(&raw), &client, 3);
   }
   // The request id of the last command submitted, which must have type `type`.
   std::uint64_t last(const std::string &type) {
      REQUIRE_FALSE(engine.submitted.empty());
      CHECK(json::parse(engine.submitted.back().second)["type"] == type);
      return engine.submitted.back().first;
   }
};

}  // namespace

TEST_CASE("a console that connects gets the snapshot first") {
   HubRig rig;
   auto anna = std::make_shared<FakeConsole>();
   rig.hub->join(anna, root_scope());
   const std::uint64_t id = rig.last("snapshot");
   rig.hub->deliver(id, R"({"type":"answer","request_id":)" + std::to_string(id) + R"(,"ok":true,"snapshot":{}})");
   REQUIRE(anna->got.size() == 1);
   CHECK(anna->got[0]["snapshot"].is_object());
   CHECK_FALSE(anna->got[0].contains("request_id"));
}

TEST_CASE("an answer goes only to the console that asked, with its id echoed") {
   HubRig rig;
   auto anna = std::make_shared<FakeConsole>();
   auto bob = std::make_shared<FakeConsole>();
   const auto a = rig.hub->join(anna, root_scope());
   rig.hub->join(bob, root_scope());
   rig.hub->on_frame(a, R"({"type":"log_on","id":"x1","attendant":"anna","device":"+1"})");
   const std::uint64_t id = rig.last("log_on");
   rig.hub->deliver(id, R"({"type":"answer","ok":true})");
   REQUIRE(anna->got.size() == 1);
   CHECK(anna->got[0] == json{{"type", "answer"}, {"ok", true}, {"id", "x1"}});
   CHECK(bob->got.empty());
   rig.hub->deliver(id, R"({"type":"answer","ok":true})");  // a second answer to one id goes nowhere
   CHECK(anna->got.size() == 1);
}

TEST_CASE("an event goes to every console") {
   HubRig rig;
   auto anna = std::make_shared<FakeConsole>();
   auto bob = std::make_shared<FakeConsole>();
   rig.hub->join(anna, root_scope());
   rig.hub->join(bob, root_scope());
   rig.hub->deliver(0, R"({"type":"attendant_changed","attendant":"anna","state":"available"})");
   REQUIRE(anna->got.size() == 1);
   REQUIRE(bob->got.size() == 1);
   CHECK(bob->got[0]["type"] == "attendant_changed");
}

TEST_CASE("a console that left gets nothing, and its late answer is dropped") {
   HubRig rig;
   auto anna = std::make_shared<FakeConsole>();
   const auto a = rig.hub->join(anna, root_scope());
   const std::uint64_t snapshot = rig.last("snapshot");
   rig.hub->leave(a);
   rig.hub->deliver(snapshot, R"({"type":"answer","ok":true})");
   rig.hub->deliver(0, R"({"type":"note","text":"x"})");
   CHECK(anna->got.empty());
   CHECK(rig.hub->consoles() == 0);
   CHECK(rig.hub->commands_waiting() == 0);
}

TEST_CASE("a malformed frame is answered by the plugin and never reaches the engine") {
   HubRig rig;
   auto anna = std::make_shared<FakeConsole>();
   const auto a = rig.hub->join(anna, root_scope());
   const auto before = rig.engine.submitted.size();
   rig.hub->on_frame(a, "{not json");
   rig.hub->on_binary_frame(a);
   CHECK(rig.engine.submitted.size() == before);
   REQUIRE(anna->got.size() == 2);
   CHECK(anna->got[0]["error"] == "invalid");
   CHECK(anna->got[0]["ok"] == false);
   CHECK_THAT(anna->got[1]["message"].get<std::string>(), Catch::Contains("text frames"));
}

TEST_CASE("a full engine queue is told to the console as busy") {
   HubRig rig;
   auto anna = std::make_shared<FakeConsole>();
   const auto a = rig.hub->join(anna, root_scope());
   rig.engine.next = PORTIER_ERR_BUSY;
   rig.hub->on_frame(a, R"({"type":"snapshot","id":9})");
   REQUIRE(anna->got.size() == 1);
   CHECK(anna->got[0] == json{{"type", "answer"}, {"ok", false}, {"error", "busy"}, {"message", "engine queue full"}, {"id", 9}});
   CHECK(rig.hub->commands_waiting() == 1);  // only the snapshot of the join still waits
}

TEST_CASE("a console may have only so many commands waiting for answers") {
   HubRig rig;  // 3 per console
   auto anna = std::make_shared<FakeConsole>();
   const auto a = rig.hub->join(anna, root_scope());  // the snapshot is one
   rig.hub->on_frame(a, R"({"type":"snapshot","id":1})");
   rig.hub->on_frame(a, R"({"type":"snapshot","id":2})");
   rig.hub->on_frame(a, R"({"type":"snapshot","id":3})");
   REQUIRE(anna->got.size() == 1);
   CHECK(anna->got[0]["error"] == "busy");
   CHECK(anna->got[0]["id"] == 3);
}

TEST_CASE("an event of tenant A never reaches a console of tenant B, a system-wide event reaches both") {
   HubRig rig;
   auto anna = std::make_shared<FakeConsole>();
   auto bob = std::make_shared<FakeConsole>();
   auto root = std::make_shared<FakeConsole>();
   rig.hub->join(anna, scope("DEFAULT", "anna"));
   rig.hub->join(bob, scope("Hotel", "bob"));
   rig.hub->join(root, root_scope());
   rig.hub->deliver(0, R"({"type":"event","event":"call_processing","call_id":"c1","tenant":"DEFAULT","state":"held"})");
   rig.hub->deliver(0, R"({"type":"event","event":"channel_alert","level":"alert"})");
   REQUIRE(anna->got.size() == 2);
   REQUIRE(bob->got.size() == 1);
   CHECK(bob->got[0]["event"] == "channel_alert");
   CHECK(root->got.size() == 2);
}

TEST_CASE("a console's snapshot holds only its tenant's attendants and processing calls") {
   HubRig rig;
   auto bob = std::make_shared<FakeConsole>();
   rig.hub->join(bob, scope("Hotel", "bob"));
   const std::uint64_t id = rig.last("snapshot");
   rig.hub->deliver(id, R"({"type":"answer","ok":true,"snapshot":{
      "attendants":[{"attendant":"anna","tenant":"DEFAULT"},{"attendant":"bob","tenant":"Hotel"}],
      "processing":[{"call_id":"c1","tenant":"DEFAULT"}],"channel_level":"normal"}})");
   REQUIRE(bob->got.size() == 1);
   const json &snap = bob->got[0]["snapshot"];
   REQUIRE(snap["attendants"].size() == 1);
   CHECK(snap["attendants"][0]["attendant"] == "bob");
   CHECK(snap["processing"].empty());
   CHECK(snap["channel_level"] == "normal");
}

TEST_CASE("an attendant's command reaches the engine with its tenant and itself as attendant") {
   HubRig rig;
   auto bob = std::make_shared<FakeConsole>();
   const auto b = rig.hub->join(bob, scope("Hotel", "bob"));
   rig.hub->on_frame(b, R"({"type":"pick","id":1,"call_id":"c1"})");
   rig.last("pick");
   const json sent = json::parse(rig.engine.submitted.back().second);
   CHECK(sent["tenant"] == "Hotel");
   CHECK(sent["attendant"] == "bob");
}

TEST_CASE("an attendant acting as another attendant or in another tenant is forbidden, never submitted") {
   HubRig rig;
   auto bob = std::make_shared<FakeConsole>();
   const auto b = rig.hub->join(bob, scope("Hotel", "bob"));
   const auto before = rig.engine.submitted.size();
   rig.hub->on_frame(b, R"({"type":"pick","id":1,"attendant":"anna","call_id":"c1"})");
   rig.hub->on_frame(b, R"({"type":"log_on","id":2,"tenant":"DEFAULT","attendant":"bob","device":"+1"})");
   CHECK(rig.engine.submitted.size() == before);
   REQUIRE(bob->got.size() == 2);
   CHECK(bob->got[0]["error"] == "forbidden");
   CHECK(bob->got[0]["id"] == 1);
   CHECK(bob->got[1]["error"] == "forbidden");
   CHECK(bob->got[1]["id"] == 2);
}

TEST_CASE("a tenant manager may not act for an attendant the snapshot shows in another tenant") {
   HubRig rig;
   auto boss = std::make_shared<FakeConsole>();
   const auto m = rig.hub->join(boss, scope("Hotel", "boss", web::Role::tenant_manager));
   const std::uint64_t id = rig.last("snapshot");
   rig.hub->deliver(id, R"({"type":"answer","ok":true,"snapshot":{"attendants":[
      {"attendant":"anna","tenant":"DEFAULT"},{"attendant":"bob","tenant":"Hotel"}]}})");
   const auto before = rig.engine.submitted.size();
   rig.hub->on_frame(m, R"({"type":"log_off","id":"x","attendant":"anna"})");
   CHECK(rig.engine.submitted.size() == before);
   CHECK(boss->got.back()["error"] == "forbidden");
   rig.hub->on_frame(m, R"({"type":"log_off","id":"y","attendant":"bob"})");
   CHECK(rig.engine.submitted.size() == before + 1);
}

TEST_CASE("an attendant logged on through the hub is known with its session's tenant") {
   HubRig rig;
   auto boss = std::make_shared<FakeConsole>();
   const auto m = rig.hub->join(boss, scope("Hotel", "boss", web::Role::tenant_manager));
   CHECK_FALSE(rig.hub->attendant_tenant("carl"));
   rig.hub->on_frame(m, R"({"type":"log_on","attendant":"carl","device":"+1"})");
   rig.hub->deliver(rig.last("log_on"), R"({"type":"answer","ok":true})");
   CHECK(rig.hub->attendant_tenant("carl") == std::optional<std::string>("Hotel"));
}

TEST_CASE("the plugin's own question gets its answer through the callback, not a console") {
   HubRig rig;
   auto anna = std::make_shared<FakeConsole>();
   rig.hub->join(anna, root_scope());
   std::vector<std::string> answers;
   rig.hub->ask(R"({"type":"authenticate","tenant":"DEFAULT","user":"anna","password":"x","remote":"127.0.0.1"})",
                [&](std::string a) { answers.push_back(std::move(a)); });
   const std::uint64_t id = rig.last("authenticate");
   rig.hub->deliver(id, R"({"type":"answer","ok":false,"error":"denied"})");
   REQUIRE(answers.size() == 1);
   CHECK_THAT(answers[0], Catch::Contains("denied"));
   CHECK(anna->got.empty());
   rig.hub->deliver(id, R"({"type":"answer","ok":true})");  // once only
   CHECK(answers.size() == 1);
}

TEST_CASE("a question the engine cannot take is answered at once as busy") {
   HubRig rig;
   rig.engine.next = PORTIER_ERR_BUSY;
   std::vector<std::string> answers;
   rig.hub->ask(R"({"type":"session_ended"})", [&](std::string a) { answers.push_back(std::move(a)); });
   REQUIRE(answers.size() == 1);
   CHECK(json::parse(answers[0])["error"] == "busy");
   CHECK(rig.hub->commands_waiting() == 0);
}

TEST_CASE("closing a session closes its consoles only") {
   HubRig rig;
   auto one = std::make_shared<FakeConsole>();
   auto two = std::make_shared<FakeConsole>();
   auto other = std::make_shared<FakeConsole>();
   rig.hub->join(one, scope("DEFAULT", "anna", web::Role::attendant, "s1"));
   rig.hub->join(two, scope("DEFAULT", "anna", web::Role::attendant, "s1"));
   rig.hub->join(other, scope("DEFAULT", "anna", web::Role::attendant, "s2"));
   rig.hub->close_session("s1", 1000, "logged off");
   CHECK(one->closed_with == 1000);
   CHECK(two->close_reason == "logged off");
   CHECK(other->closed_with == 0);
}

TEST_CASE("a console cannot ask the core to authenticate or to write audit rows") {
   HubRig rig;
   auto root = std::make_shared<FakeConsole>();
   const auto r = rig.hub->join(root, root_scope());
   const auto before = rig.engine.submitted.size();
   rig.hub->on_frame(r, R"({"type":"authenticate","tenant":"DEFAULT","user":"anna","password":"guess"})");
   rig.hub->on_frame(r, R"({"type":"session_ended","tenant":"DEFAULT","user":"anna","reason":"log_off"})");
   CHECK(rig.engine.submitted.size() == before);
   REQUIRE(root->got.size() == 2);
   CHECK(root->got[0]["error"] == "forbidden");
   CHECK(root->got[1]["error"] == "forbidden");
}

TEST_CASE("tenant B's console never sees the events of tenant A's attendant, from its log_on on") {
   HubRig rig;
   auto anna = std::make_shared<FakeConsole>();
   auto bob = std::make_shared<FakeConsole>();
   const auto a = rig.hub->join(anna, scope("DEFAULT", "anna"));
   rig.hub->join(bob, scope("Hotel", "bob"));
   rig.hub->on_frame(a, R"({"type":"log_on","attendant":"anna","device":"+1"})");
   const std::uint64_t id = rig.last("log_on");
   // The engine's event may come before its answer.
   rig.hub->deliver(0, R"({"type":"event","event":"attendant_changed","attendant":"anna","state":"unavailable"})");
   rig.hub->deliver(id, R"({"type":"answer","ok":true})");
   rig.hub->deliver(0, R"({"type":"event","event":"call_offered","attendant":"anna","call_id":"c1"})");
   CHECK(bob->got.empty());
   REQUIRE(anna->got.size() == 3);
   CHECK(anna->got[0]["event"] == "attendant_changed");
}

TEST_CASE("a refused log_on does not make its attendant known") {
   HubRig rig;
   auto anna = std::make_shared<FakeConsole>();
   const auto a = rig.hub->join(anna, scope("DEFAULT", "anna"));
   rig.hub->on_frame(a, R"({"type":"log_on","attendant":"anna","device":"+1"})");
   CHECK(rig.hub->attendant_tenant("anna") == std::optional<std::string>("DEFAULT"));
   rig.hub->deliver(rig.last("log_on"), R"({"type":"answer","ok":false,"error":"line_in_use"})");
   CHECK_FALSE(rig.hub->attendant_tenant("anna"));
}

TEST_CASE("a call event of no tenant reaches only system managers, and a queued call of tenant A never reaches B") {
   HubRig rig;
   auto anna = std::make_shared<FakeConsole>();
   auto bob = std::make_shared<FakeConsole>();
   auto root = std::make_shared<FakeConsole>();
   rig.hub->join(anna, scope("DEFAULT", "anna"));
   rig.hub->join(bob, scope("Hotel", "bob"));
   rig.hub->join(root, root_scope());
   rig.hub->deliver(0, R"({"type":"event","event":"call_queued","call_id":"c1","queue":"+1"})");
   rig.hub->deliver(0, R"({"type":"event","event":"call_queued","call_id":"c2","tenant":"DEFAULT","caller":"+4930901820"})");
   rig.hub->deliver(0, R"({"type":"event","event":"link_state","link":"pbx","id":"osv","state":"down"})");
   REQUIRE(anna->got.size() == 2);
   CHECK(anna->got[0]["call_id"] == "c2");
   REQUIRE(bob->got.size() == 1);
   CHECK(bob->got[0]["event"] == "link_state");
   CHECK(root->got.size() == 3);
}

namespace {

std::string contact_state(const std::string &tenant, int id) {
   return R"({"type":"event","event":"contact_state","tenant":")" + tenant + R"(","contact_id":)" + std::to_string(id) +
          R"(,"state":{"summary":"busy","from":"phone","stale":false}})";
}

}  // namespace

TEST_CASE("watch_contacts is answered by the plugin and never reaches the engine") {
   HubRig rig;
   auto anna = std::make_shared<FakeConsole>();
   const auto a = rig.hub->join(anna, scope("DEFAULT", "anna"));
   const auto before = rig.engine.submitted.size();
   rig.hub->on_frame(a, R"({"type":"watch_contacts","id":"w1","ids":[12,34,12]})");
   CHECK(rig.engine.submitted.size() == before);
   REQUIRE(anna->got.size() == 1);
   CHECK(anna->got[0] == json{{"type", "answer"}, {"ok", true}, {"watching", 2}, {"id", "w1"}});
}

TEST_CASE("watch_contacts with more than 500 ids or a bad id is invalid and keeps the old set") {
   HubRig rig;
   auto anna = std::make_shared<FakeConsole>();
   const auto a = rig.hub->join(anna, scope("DEFAULT", "anna"));
   rig.hub->on_frame(a, R"({"type":"watch_contacts","ids":[5]})");
   json ids = json::array();
   for (int i = 1; i <= 501; ++i) ids.push_back(i);
   rig.hub->on_frame(a, json{{"type", "watch_contacts"}, {"id", 2}, {"ids", ids}}.dump());
   rig.hub->on_frame(a, R"({"type":"watch_contacts","id":3,"ids":[1,"x"]})");
   rig.hub->on_frame(a, R"({"type":"watch_contacts","id":4,"ids":[0]})");
   rig.hub->on_frame(a, R"({"type":"watch_contacts","id":5})");
   REQUIRE(anna->got.size() == 5);
   for (std::size_t i = 1; i < 5; ++i) {
      CHECK(anna->got[i]["error"] == "invalid");
      CHECK(anna->got[i]["id"] == static_cast<int>(i) + 1);
   }
   CHECK_THAT(anna->got[1]["message"].get<std::string>(), Catch::Contains("500"));
   rig.hub->deliver(0, contact_state("DEFAULT", 5));
   REQUIRE(anna->got.size() == 6);
   CHECK(anna->got[5]["contact_id"] == 5);
}

TEST_CASE("exactly 500 watched ids are accepted") {
   HubRig rig;
   auto anna = std::make_shared<FakeConsole>();
   const auto a = rig.hub->join(anna, scope("DEFAULT", "anna"));
   json ids = json::array();
   for (int i = 1; i <= 500; ++i) ids.push_back(i);
   rig.hub->on_frame(a, json{{"type", "watch_contacts"}, {"ids", ids}}.dump());
   REQUIRE(anna->got.size() == 1);
   CHECK(anna->got[0]["watching"] == 500);
}

TEST_CASE("a contact_state event goes only to consoles of its tenant that watch the contact") {
   HubRig rig;
   auto anna = std::make_shared<FakeConsole>();    // DEFAULT, watches 7
   auto carl = std::make_shared<FakeConsole>();    // DEFAULT, watches 8
   auto bob = std::make_shared<FakeConsole>();     // Hotel, watches 7
   auto root = std::make_shared<FakeConsole>();    // system manager, watches 7
   const auto a = rig.hub->join(anna, scope("DEFAULT", "anna"));
   const auto c = rig.hub->join(carl, scope("DEFAULT", "carl"));
   const auto b = rig.hub->join(bob, scope("Hotel", "bob"));
   const auto r = rig.hub->join(root, root_scope());
   rig.hub->on_frame(a, R"({"type":"watch_contacts","ids":[7]})");
   rig.hub->on_frame(c, R"({"type":"watch_contacts","ids":[8]})");
   rig.hub->on_frame(b, R"({"type":"watch_contacts","ids":[7]})");
   rig.hub->on_frame(r, R"({"type":"watch_contacts","ids":[7]})");
   for (auto *console : {anna.get(), carl.get(), bob.get(), root.get()}) console->got.clear();

   rig.hub->deliver(0, contact_state("DEFAULT", 7));
   REQUIRE(anna->got.size() == 1);
   CHECK(anna->got[0]["event"] == "contact_state");
   CHECK(anna->got[0]["state"]["summary"] == "busy");
   CHECK(carl->got.empty());
   CHECK(bob->got.empty());
   CHECK(root->got.size() == 1);
}

TEST_CASE("a contact_state event of tenant * goes to every tenant's consoles watching the contact") {
   HubRig rig;
   auto anna = std::make_shared<FakeConsole>();
   auto bob = std::make_shared<FakeConsole>();
   const auto a = rig.hub->join(anna, scope("DEFAULT", "anna"));
   const auto b = rig.hub->join(bob, scope("Hotel", "bob"));
   rig.hub->on_frame(a, R"({"type":"watch_contacts","ids":[7]})");
   rig.hub->on_frame(b, R"({"type":"watch_contacts","ids":[7,9]})");
   anna->got.clear();
   bob->got.clear();
   rig.hub->deliver(0, contact_state("*", 7));
   rig.hub->deliver(0, contact_state("*", 9));
   CHECK(anna->got.size() == 1);
   CHECK(bob->got.size() == 2);
}

TEST_CASE("a contact_state event without a tenant or contact id reaches nobody, not even a system manager") {
   HubRig rig;
   auto root = std::make_shared<FakeConsole>();
   const auto r = rig.hub->join(root, root_scope());
   rig.hub->on_frame(r, R"({"type":"watch_contacts","ids":[7]})");
   root->got.clear();
   rig.hub->deliver(0, R"({"type":"event","event":"contact_state","contact_id":7,"state":{}})");
   rig.hub->deliver(0, R"({"type":"event","event":"contact_state","tenant":"DEFAULT","contact_id":"7"})");
   rig.hub->deliver(0, R"({"type":"event","event":"contact_state","tenant":"DEFAULT"})");
   CHECK(root->got.empty());
}

TEST_CASE("a new watch_contacts replaces the set, and a console that watches nothing gets no contact_state") {
   HubRig rig;
   auto anna = std::make_shared<FakeConsole>();
   const auto a = rig.hub->join(anna, scope("DEFAULT", "anna"));
   rig.hub->deliver(0, contact_state("DEFAULT", 7));
   CHECK(anna->got.empty());
   rig.hub->on_frame(a, R"({"type":"watch_contacts","ids":[7]})");
   rig.hub->on_frame(a, R"({"type":"watch_contacts","ids":[8]})");
   anna->got.clear();
   rig.hub->deliver(0, contact_state("DEFAULT", 7));
   CHECK(anna->got.empty());
   rig.hub->deliver(0, contact_state("DEFAULT", 8));
   CHECK(anna->got.size() == 1);
}

TEST_CASE("set_forwarding reaches the engine in the session's tenant with the session's user") {
   HubRig rig;
   auto bob = std::make_shared<FakeConsole>();
   const auto b = rig.hub->join(bob, scope("Hotel", "bob"));
   rig.hub->on_frame(b, R"({"type":"set_forwarding","id":"f1","contact_id":3,"kind":"unconditional","destination":"7100"})");
   rig.last("set_forwarding");
   const json sent = json::parse(rig.engine.submitted.back().second);
   CHECK(sent["tenant"] == "Hotel");
   CHECK(sent["by"] == "bob");
   rig.hub->on_frame(b, R"({"type":"clear_forwarding","id":"f2","tenant":"DEFAULT","contact_id":3,"kind":"busy"})");
   REQUIRE_FALSE(bob->got.empty());
   CHECK(bob->got.back()["error"] == "forbidden");
   CHECK(bob->got.back()["id"] == "f2");
}
