// SPDX-License-Identifier: GPL-3.0-or-later
// Issue 6: with two tenants, no event, snapshot item or statistics row of one reaches a console
// of the other, and what names no tenant reaches system managers only (fail closed), except the
// system-wide events.
#include <catch2/catch.hpp>

#include <string>

#include <nlohmann/json.hpp>

#include "tenant_scope.h"

namespace web = portier::web;
using nlohmann::json;

namespace {

web::Scope member(const std::string &tenant, const std::string &user, web::Role role) {
   return web::Scope{web::Account{tenant, user, role}, "s-" + user};
}
const web::Scope kAlice = member("Alpha", "alice", web::Role::attendant);
const web::Scope kAlphaBoss = member("Alpha", "chief", web::Role::tenant_manager);
const web::Scope kBruno = member("Beta", "bruno", web::Role::attendant);
const web::Scope kAdmin = member("DEFAULT", "admin", web::Role::system_manager);

// One of every engine event about a call or an attendant, as the engine sends them.
const char *const kTenantEvents[] = {
    // One element split over two lines: the parentheses say the concatenation is meant.
    (R"({"type":"event","event":"call_queued","call_id":"c1","tenant":"Alpha","queue":"+4989700",)"
     R"("caller":"+4930901820"})"),
    R"({"type":"event","event":"call_offered","call_id":"c1","tenant":"Alpha","attendant":"alice"})",
    R"({"type":"event","event":"call_taken_back","call_id":"c1","tenant":"Alpha","attendant":"alice"})",
    R"({"type":"event","event":"call_connected","call_id":"c1","tenant":"Alpha","attendant":"alice"})",
    R"({"type":"event","event":"call_processing","call_id":"c1","tenant":"Alpha","state":"held"})",
    R"({"type":"event","event":"call_ended","call_id":"c1","tenant":"Alpha","reason":"released"})",
    R"({"type":"event","event":"attendant_changed","attendant":"alice","tenant":"Alpha","state":"available"})",
    R"({"type":"event","event":"note","call_id":"c1","tenant":"Alpha","text":"ignored"})",
};

json scoped_answer(const char *answer, const web::Scope &scope) {
   return json::parse(web::scope_answer(answer, scope));
}

const char *const kTwoTenantSnapshot = R"({"type":"answer","ok":true,"snapshot":{
  "calls":[{"call_id":"a1","tenant":"Alpha","caller":"+4930901820"},{"call_id":"b1","tenant":"Beta"},{"call_id":"x1"}],
  "queues":[{"queue":"+4989700","tenant":"Alpha","calls":["a1"]},{"queue":"+4989800","tenant":"Beta","calls":["b1"]},
            {"queue":"+4989900","calls":["x1"]}],
  "processing":[{"call_id":"a2","tenant":"Alpha"},{"call_id":"b2","tenant":"Beta"}],
  "attendants":[{"attendant":"alice","tenant":"Alpha"},{"attendant":"bruno","tenant":"Beta"},{"attendant":"ghost"}],
  "link_states":[{"link":"pbx","id":"osv","state":"up"}],
  "channel_level":"alert"}})";

const char *const kTwoTenantStatistics = R"({"type":"answer","ok":true,"statistics":{
  "from":"2024-01-01T09:00:00Z","to":"2024-01-01T10:00:00Z","bucket_minutes":15,
  "ddi":[{"number":"+4989700","tenant":"Alpha","offered":2},{"number":"+4989800","tenant":"Beta","offered":3},
         {"number":"+4989900","offered":4}],
  "personal_lines":[{"number":"+4989701","tenant":"Alpha"},{"number":"+4989801","tenant":"Beta"}],
  "attendants":[{"attendant":"alice","tenant":"Alpha"},{"attendant":"bruno","tenant":"Beta"},{"attendant":"gone"}]}})";

// Every item of every list in `j`'s object `key` has tenant `tenant`.
void all_of_tenant(const json &j, const char *key, const std::string &tenant) {
   for (const auto &[list, items] : j[key].items()) {
      if (!items.is_array() || list == "link_states") continue;
      for (const json &item : items) {
         INFO(list << ": " << item.dump());
         CHECK(item.value("tenant", "") == tenant);
      }
   }
}

}  // namespace

TEST_CASE("each call and attendant event of tenant Alpha reaches Alpha's consoles and the system manager only") {
   for (const char *event : kTenantEvents) {
      INFO(event);
      const web::Audience audience = web::event_audience(event);
      CHECK(web::may_see(audience, kAlice));
      CHECK(web::may_see(audience, kAlphaBoss));
      CHECK(web::may_see(audience, kAdmin));
      CHECK_FALSE(web::may_see(audience, kBruno));
   }
}

TEST_CASE("a call or attendant event that names no tenant reaches system managers only") {
   for (std::string event : kTenantEvents) {
      json j = json::parse(event);
      j.erase("tenant");
      j["attendant"] = "nobody-known";
      INFO(j.dump());
      const web::Audience audience = web::event_audience(j.dump());
      CHECK_FALSE(web::may_see(audience, kAlice));
      CHECK_FALSE(web::may_see(audience, kBruno));
      CHECK(web::may_see(audience, kAdmin));
   }
   CHECK_FALSE(web::may_see(web::event_audience("not json"), kAlice));
   CHECK_FALSE(web::may_see(web::event_audience(R"({"event":"other"})"), kAlice));
}

TEST_CASE("an event of no tenant takes its attendant's tenant when the hub knows it") {
   const web::AttendantTenant lookup = [](std::string_view a) -> std::optional<std::string> {
      if (a == "alice") return "Alpha";
      return std::nullopt;
   };
   const auto audience = web::event_audience(R"({"event":"attendant_changed","attendant":"alice"})", lookup);
   CHECK(web::may_see(audience, kAlice));
   CHECK_FALSE(web::may_see(audience, kBruno));
}

TEST_CASE("channel_alert and link_state are system-wide: every console gets them") {
   for (const char *event : {R"({"type":"event","event":"channel_alert","level":"alert"})",
                             R"({"type":"event","event":"link_state","link":"trunk","id":"sip","state":"down"})"}) {
      INFO(event);
      const web::Audience audience = web::event_audience(event);
      CHECK(web::may_see(audience, kAlice));
      CHECK(web::may_see(audience, kBruno));
      CHECK(web::may_see(audience, kAdmin));
   }
}

TEST_CASE("a console's snapshot holds only its tenant's calls, queues, processing calls and attendants") {
   const json alpha = scoped_answer(kTwoTenantSnapshot, kAlice);
   all_of_tenant(alpha, "snapshot", "Alpha");
   CHECK(alpha["snapshot"]["calls"].size() == 1);
   CHECK(alpha["snapshot"]["queues"].size() == 1);
   CHECK(alpha["snapshot"]["processing"].size() == 1);
   CHECK(alpha["snapshot"]["attendants"].size() == 1);
   CHECK(alpha["snapshot"]["link_states"].size() == 1);  // system-wide
   CHECK(alpha["snapshot"]["channel_level"] == "alert");
   const json beta = scoped_answer(kTwoTenantSnapshot, kBruno);
   all_of_tenant(beta, "snapshot", "Beta");
   CHECK(beta.dump().find("alice") == std::string::npos);
   CHECK(beta.dump().find("+4930901820") == std::string::npos);
   const json all = scoped_answer(kTwoTenantSnapshot, kAdmin);
   CHECK(all["snapshot"]["calls"].size() == 3);
   CHECK(all["snapshot"]["attendants"].size() == 3);
}

TEST_CASE("a console's statistics hold only its tenant's rows, the system manager's hold all") {
   const json alpha = scoped_answer(kTwoTenantStatistics, kAlphaBoss);
   all_of_tenant(alpha, "statistics", "Alpha");
   CHECK(alpha["statistics"]["ddi"].size() == 1);
   CHECK(alpha["statistics"]["ddi"][0]["offered"] == 2);
   CHECK(alpha["statistics"]["personal_lines"].size() == 1);
   CHECK(alpha["statistics"]["attendants"].size() == 1);
   CHECK(alpha["statistics"]["from"] == "2024-01-01T09:00:00Z");
   const json beta = scoped_answer(kTwoTenantStatistics, kBruno);
   all_of_tenant(beta, "statistics", "Beta");
   CHECK(beta["statistics"]["ddi"].size() == 1);
   const json all = scoped_answer(kTwoTenantStatistics, kAdmin);
   CHECK(all["statistics"]["ddi"].size() == 3);
   CHECK(all["statistics"]["attendants"].size() == 3);
}
