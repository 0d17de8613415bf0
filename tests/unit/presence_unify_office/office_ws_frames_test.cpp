// SPDX-License-Identifier: GPL-3.0-or-later
// presence.unify-office's WebSocket frames (docs/protocols/presence-calendar.md §2.4).
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "office_settings.h"
#include "office_ws_frames.h"

using namespace portier::office;

TEST_CASE("the wstoken answer gives the URL with the token, and wsc when recovering") {
   auto t = parse_wstoken_answer(R"({"ws_access_token":"a b","uri":"wss://ws-1.example/ws","expires_in":30})");
   REQUIRE(t.ok());
   CHECK(ws_connect_url(t.value(), "") == "wss://ws-1.example/ws?access_token=a%20b");
   CHECK(ws_connect_url(t.value(), "wsc-1") == "wss://ws-1.example/ws?access_token=a%20b&wsc=wsc-1");
   CHECK_FALSE(parse_wstoken_answer(R"({"uri":"wss://x/ws"})").ok());
   CHECK_FALSE(parse_wstoken_answer(R"({"ws_access_token":"t","uri":"https://x/ws"})").ok());
}

TEST_CASE("the subscription is a tunnelled POST with per-extension or account-wide filters") {
   const auto per = presence_filters({"11", "12"}, false);
   REQUIRE(per.size() == 2);
   CHECK(per[0] == "/restapi/v1.0/account/~/extension/11/presence?detailedTelephonyState=true");
   CHECK(presence_filters({"11", "12"}, true) == std::vector<std::string>{kAccountPresenceFilter});
   const auto frame = nlohmann::json::parse(subscribe_frame("c-1", per));
   CHECK(frame[0]["type"] == "ClientRequest");
   CHECK(frame[0]["messageId"] == "c-1");
   CHECK(frame[0]["method"] == "POST");
   CHECK(frame[0]["path"] == "/restapi/v1.0/subscription/");
   CHECK(frame[1]["eventFilters"].size() == 2);
   CHECK(frame[1]["deliveryMode"]["transportType"] == "WebSocket");
   CHECK(nlohmann::json::parse(heartbeat_frame("h-2")) == nlohmann::json::parse(R"([{"type":"Heartbeat","messageId":"h-2"}])"));
}

TEST_CASE("ConnectionDetails gives the wsc token and the recovery state") {
   auto f = parse_ws_frame(R"([{"type":"ConnectionDetails","messageId":"m","status":200,"wsc":{"token":"w1","sequence":1}},
                               {"recoveryState":"Failed","recoveryTimeout":180}])");
   REQUIRE(f.ok());
   CHECK(f.value().type == WsFrame::Type::connection_details);
   CHECK(f.value().wsc_token == "w1");
   CHECK(f.value().recovery_state == "Failed");
}

TEST_CASE("a ServerNotification gives the extension, its sequence and the fields present") {
   auto f = parse_ws_frame(R"([{"type":"ServerNotification","messageId":"n","status":200},
       {"event":"/restapi/v1.0/account/~/extension/8/presence","body":{"extensionId":"8","sequence":5120,
        "presenceStatus":"Busy","dndStatus":"TakeAllCalls"}}])");
   REQUIRE(f.ok());
   REQUIRE(f.value().has_notice);
   CHECK(f.value().notice.extension_id == "8");
   CHECK(f.value().notice.sequence == 5120);
   CHECK(f.value().notice.presence.presence_status == "Busy");
   CHECK(f.value().notice.presence.telephony_status.empty());
}

TEST_CASE("a client request's answer carries its status, anything else is refused or ignored") {
   auto f = parse_ws_frame(R"([{"type":"ClientRequest","messageId":"c-3","status":400},{"errorCode":"SUB-508"}])");
   REQUIRE(f.ok());
   CHECK(f.value().status == 400);
   CHECK(f.value().message_id == "c-3");
   CHECK(f.value().error_code == "SUB-508");
   CHECK_FALSE(parse_ws_frame("{}").ok());
   CHECK_FALSE(parse_ws_frame("[1,2]").ok());
   CHECK_FALSE(parse_ws_frame("not json").ok());
   CHECK(parse_ws_frame(R"([{"type":"Whatever"}])").value().type == WsFrame::Type::other);
}

TEST_CASE("the WebSocket settings default to on, every 30 s, account-wide above 100") {
   auto s = parse_office_settings(R"({"client_id":"app","client_secret_secret":"rc","jwt_secret":"j"})");
   REQUIRE(s.ok());
   CHECK(s.value().websocket);
   CHECK(s.value().websocket_heartbeat_seconds == 30);
   CHECK(s.value().websocket_account_filter_above == 100);
   auto off = parse_office_settings(R"({"client_id":"app","client_secret_secret":"rc","jwt_secret":"j","websocket":false,
                                       "websocket_heartbeat_seconds":0})");
   REQUIRE_FALSE(off.ok());
   CHECK(off.message().find("websocket_heartbeat_seconds") != std::string::npos);
}
