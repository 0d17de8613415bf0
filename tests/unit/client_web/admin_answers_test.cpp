// SPDX-License-Identifier: GPL-3.0-or-later
// The core's answers to admin commands made into HTTP answers: statistics rows of other tenants
// gone for a tenant manager, refusals mapped to statuses, a refused reload 422 with findings.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "admin_answers.h"

using namespace portier::web;
using nlohmann::json;

namespace {

const Account kAnswerSystem{"DEFAULT", "root", Role::system_manager};
const Account kAnswerHotelManager{"Hotel", "hm", Role::tenant_manager};

const std::string kAnswerStatistics = json{
    {"type", "answer"},
    {"request_id", 4},
    {"ok", true},
    {"statistics",
     {{"from", "2026-01-01T09:00:00Z"},
      {"ddi",
       {{{"number", "+4930100"}, {"tenant", "Hotel"}, {"offered", 2}},
        {{"number", "+4930200"}, {"tenant", "DEFAULT"}, {"offered", 3}},
        {{"number", "+4930300"}, {"offered", 4}}}},
      {"personal_lines", json::array()},
      {"attendants", {{{"attendant", "bob"}, {"offered", 1}}, {{"attendant", "anna"}, {"offered", 1}}}}}}}.dump();

json body_of(const AdminAnswer &a) { return json::parse(a.body); }

}  // namespace

TEST_CASE("a system manager gets every statistics row, without the envelope") {
   const auto a = admin_answer(AdminEndpoint::statistics, kAnswerSystem, kAnswerStatistics);
   CHECK(a.status == 200);
   const json body = body_of(a);
   CHECK(body["ok"] == true);
   CHECK_FALSE(body.contains("type"));
   CHECK_FALSE(body.contains("request_id"));
   CHECK(body["statistics"]["ddi"].size() == 3);
   CHECK(body["statistics"]["attendants"].size() == 2);
}

TEST_CASE("a tenant manager gets its tenant's rows: by their tenant, else by the number's or attendant's tenant") {
   const RowTenant lookup = [](std::string_view list, std::string_view key) -> std::optional<std::string> {
      if (list == "ddi" && key == "+4930300") return "Hotel";
      if (list == "attendants" && key == "bob") return "Hotel";
      if (list == "attendants" && key == "anna") return "DEFAULT";
      return std::nullopt;
   };
   const json body = body_of(admin_answer(AdminEndpoint::statistics, kAnswerHotelManager, kAnswerStatistics, lookup));
   const json &ddi = body["statistics"]["ddi"];
   REQUIRE(ddi.size() == 2);
   CHECK(ddi[0]["number"] == "+4930100");
   CHECK(ddi[1]["number"] == "+4930300");
   REQUIRE(body["statistics"]["attendants"].size() == 1);
   CHECK(body["statistics"]["attendants"][0]["attendant"] == "bob");
   CHECK(body["statistics"]["from"] == "2026-01-01T09:00:00Z");
}

TEST_CASE("a statistics row whose tenant cannot be told is for system managers only") {
   const json body = body_of(admin_answer(AdminEndpoint::statistics, kAnswerHotelManager, kAnswerStatistics));
   REQUIRE(body["statistics"]["ddi"].size() == 1);
   CHECK(body["statistics"]["ddi"][0]["tenant"] == "Hotel");
   CHECK(body["statistics"]["attendants"].empty());
}

TEST_CASE("a tenant manager's audit answer holds its tenant's entries only") {
   const std::string audit = json{{"type", "answer"},
                                  {"ok", true},
                                  {"entries",
                                   {{{"id", 2}, {"tenant", "Hotel"}, {"action", "log_on"}},
                                    {{"id", 1}, {"tenant", "DEFAULT"}, {"action", "log_on"}}}}}
                                 .dump();
   const json body = body_of(admin_answer(AdminEndpoint::audit, kAnswerHotelManager, audit));
   REQUIRE(body["entries"].size() == 1);
   CHECK(body["entries"][0]["id"] == 2);
   CHECK(body_of(admin_answer(AdminEndpoint::audit, kAnswerSystem, audit))["entries"].size() == 2);
}

TEST_CASE("the core's refusals become HTTP statuses with error and message") {
   const auto invalid = admin_answer(AdminEndpoint::statistics, kAnswerSystem,
                                     R"({"type":"answer","ok":false,"error":"invalid","message":"bad 'from'"})");
   CHECK(invalid.status == 400);
   CHECK(body_of(invalid) == json{{"ok", false}, {"error", "invalid"}, {"message", "bad 'from'"}});
   CHECK(admin_answer(AdminEndpoint::audit, kAnswerSystem, R"({"ok":false,"error":"unavailable","message":"no store"})").status ==
         503);
   CHECK(admin_answer(AdminEndpoint::plugins, kAnswerSystem, R"({"ok":false,"error":"strange"})").status == 502);
   CHECK(admin_answer(AdminEndpoint::plugins, kAnswerSystem, "not json").status == 502);
}

TEST_CASE("a reload that applied is 200 with its changes, one refused is 422 with the findings") {
   const auto applied = admin_answer(AdminEndpoint::config_reload, kAnswerSystem,
                                     R"({"type":"answer","ok":true,"applied":true,"message":"reloaded","changes":["started 'x'"]})");
   CHECK(applied.status == 200);
   CHECK(body_of(applied)["changes"] == json::array({"started 'x'"}));
   const auto rejected = admin_answer(
       AdminEndpoint::config_reload, kAnswerSystem,
       R"({"type":"answer","ok":true,"applied":false,"message":"1 error; nothing changed","findings":["p.yaml:3:5: bad"]})");
   CHECK(rejected.status == 422);
   CHECK(body_of(rejected) == json{{"ok", false},
                                   {"error", "rejected"},
                                   {"message", "1 error; nothing changed"},
                                   {"findings", {"p.yaml:3:5: bad"}}});
}

TEST_CASE("a snapshot tells the tenant of queues, pilots and personal lines") {
   const auto numbers = number_tenants(json{{"type", "answer"},
                                            {"ok", true},
                                            {"snapshot",
                                             {{"queues", {{{"queue", "+4930100"}, {"tenant", "Hotel"}, {"calls", {"c1"}}}}},
                                              {"attendants",
                                               {{{"attendant", "anna"},
                                                 {"tenant", "DEFAULT"},
                                                 {"personal_line", "+4930777"},
                                                 {"pilots", {"+4930200"}}}}}}}}
                                           .dump());
   CHECK(numbers.size() == 3);
   CHECK(numbers.at("+4930100") == "Hotel");
   CHECK(numbers.at("+4930200") == "DEFAULT");
   CHECK(numbers.at("+4930777") == "DEFAULT");
   CHECK(number_tenants("{}").empty());
}
