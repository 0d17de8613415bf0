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

struct FakeConsole : web::ConsoleOutbox {
   std::vector<json> got;
   void send(web::Message m) override { got.push_back(json::parse(*m)); }
};

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
   rig.hub->join(anna);
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
   const auto a = rig.hub->join(anna);
   rig.hub->join(bob);
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
   rig.hub->join(anna);
   rig.hub->join(bob);
   rig.hub->deliver(0, R"({"type":"attendant_changed","attendant":"anna","state":"available"})");
   REQUIRE(anna->got.size() == 1);
   REQUIRE(bob->got.size() == 1);
   CHECK(bob->got[0]["type"] == "attendant_changed");
}

TEST_CASE("a console that left gets nothing, and its late answer is dropped") {
   HubRig rig;
   auto anna = std::make_shared<FakeConsole>();
   const auto a = rig.hub->join(anna);
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
   const auto a = rig.hub->join(anna);
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
   const auto a = rig.hub->join(anna);
   rig.engine.next = PORTIER_ERR_BUSY;
   rig.hub->on_frame(a, R"({"type":"snapshot","id":9})");
   REQUIRE(anna->got.size() == 1);
   CHECK(anna->got[0] == json{{"type", "answer"}, {"ok", false}, {"error", "busy"}, {"message", "engine queue full"}, {"id", 9}});
   CHECK(rig.hub->commands_waiting() == 1);  // only the snapshot of the join still waits
}

TEST_CASE("a console may have only so many commands waiting for answers") {
   HubRig rig;  // 3 per console
   auto anna = std::make_shared<FakeConsole>();
   const auto a = rig.hub->join(anna);  // the snapshot is one
   rig.hub->on_frame(a, R"({"type":"snapshot","id":1})");
   rig.hub->on_frame(a, R"({"type":"snapshot","id":2})");
   rig.hub->on_frame(a, R"({"type":"snapshot","id":3})");
   REQUIRE(anna->got.size() == 1);
   CHECK(anna->got[0]["error"] == "busy");
   CHECK(anna->got[0]["id"] == 3);
}
