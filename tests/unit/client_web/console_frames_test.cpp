// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "console_frames.h"

namespace web = portier::web;
using nlohmann::json;

namespace {

web::EngineCommand command_of(std::string_view frame) {
   auto read = web::read_console_frame(frame);
   REQUIRE(std::holds_alternative<web::EngineCommand>(read));
   return std::get<web::EngineCommand>(read);
}

web::FrameRefused refusal_of(std::string_view frame) {
   auto read = web::read_console_frame(frame);
   REQUIRE(std::holds_alternative<web::FrameRefused>(read));
   return std::get<web::FrameRefused>(read);
}

}  // namespace

TEST_CASE("a console's command goes to the engine without its id, which is kept for the answer") {
   const auto c = command_of(R"({"type":"log_on","id":"c-7","attendant":"anna","device":"+49897007100"})");
   const json sent = json::parse(c.json);
   CHECK(sent == json{{"type", "log_on"}, {"attendant", "anna"}, {"device", "+49897007100"}});
   CHECK(c.console_id == "\"c-7\"");
   CHECK(command_of(R"({"type":"snapshot","id":42})").console_id == "42");
   CHECK(command_of(R"({"type":"snapshot"})").console_id.empty());
}

TEST_CASE("a frame that is not a command object is refused with the reason") {
   CHECK_THAT(refusal_of("hello").message, Catch::Contains("not JSON"));
   CHECK_THAT(refusal_of("[1,2]").message, Catch::Contains("a JSON object with a string \"type\""));
   CHECK_THAT(refusal_of(R"({"id":"x"})").message, Catch::Contains("a JSON object with a string \"type\""));
   CHECK(refusal_of(R"({"id":"x","type":7})").console_id == "\"x\"");  // the refusal still finds its request
   CHECK_THAT(refusal_of(R"({"type":"snapshot","id":{"a":1}})").message, Catch::Contains("\"id\" must be"));
   CHECK_THAT(refusal_of(R"({"type":"snapshot","id":")" + std::string(200, 'x') + "\"}").message,
              Catch::Contains("longer than 128 bytes"));
   CHECK_THAT(refusal_of(std::string(5000, '[') + std::string(5000, ']')).message, Catch::Contains("deeper than 32"));
}

TEST_CASE("the engine's answer reaches the console with its id instead of the plugin's request id") {
   const json a = json::parse(web::answer_for_console(R"({"type":"answer","request_id":17,"ok":true})", "\"c-7\""));
   CHECK(a == json{{"type", "answer"}, {"ok", true}, {"id", "c-7"}});
   const json b = json::parse(web::answer_for_console(R"({"type":"answer","request_id":18,"ok":true})", ""));
   CHECK(b == json{{"type", "answer"}, {"ok", true}});
   CHECK(web::answer_for_console("not json", "1") == "not json");
}

TEST_CASE("a refusal has the engine's answer shape") {
   const json r = json::parse(web::refusal_answer("invalid", "not JSON", "5"));
   CHECK(r == json{{"type", "answer"}, {"ok", false}, {"error", "invalid"}, {"message", "not JSON"}, {"id", 5}});
}
