// SPDX-License-Identifier: GPL-3.0-or-later
// The admin API's route and role table: which path and method is which endpoint, who may use
// it, its parameters and the command for the core; every refusal with its status and code.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "admin_routes.h"

using namespace portier::web;
using nlohmann::json;

namespace {

const Account kSystem{"DEFAULT", "root", Role::system_manager};
const Account kHotelManager{"Hotel", "hm", Role::tenant_manager};
const Account kAttendant{"DEFAULT", "anna", Role::attendant};

AdminCall call(std::string_view method, std::string_view target, const Account &a) {
   auto routed = route_admin(method, target, &a);
   if (auto *r = std::get_if<AdminRefusal>(&routed)) FAIL(r->status << " " << r->message);
   return std::get<AdminCall>(routed);
}

AdminRefusal refused(std::string_view method, std::string_view target, const Account *a) {
   auto routed = route_admin(method, target, a);
   REQUIRE(std::holds_alternative<AdminRefusal>(routed));
   return std::get<AdminRefusal>(routed);
}

}  // namespace

TEST_CASE("a system manager reaches every admin endpoint, each with its core command") {
   CHECK(json::parse(call("GET", "/api/admin/plugins", kSystem).command) == json{{"type", "plugin_status"}});
   CHECK(json::parse(call("POST", "/api/admin/config/check", kSystem).command) == json{{"type", "config_check"}});
   CHECK(json::parse(call("POST", "/api/admin/config/reload", kSystem).command) == json{{"type", "config_reload"}});
   const auto stats = call("GET", "/api/admin/statistics?from=2026-01-01T09:00:00Z&to=2026-01-01T10%3A00%3A00Z", kSystem);
   CHECK(stats.endpoint == AdminEndpoint::statistics);
   CHECK(json::parse(stats.command) ==
         json{{"type", "statistics"}, {"from", "2026-01-01T09:00:00Z"}, {"to", "2026-01-01T10:00:00Z"}});
   CHECK(json::parse(call("GET", "/api/admin/audit", kSystem).command) == json{{"type", "audit_log"}});
   CHECK(json::parse(call("GET", "/api/admin/audit?limit=5&before=90&tenant=Hotel", kSystem).command) ==
         json{{"type", "audit_log"}, {"limit", 5}, {"before", 90}, {"tenant", "Hotel"}});
}

TEST_CASE("a tenant manager reads statistics and its own tenant's audit log, nothing else") {
   CHECK(call("GET", "/api/admin/statistics?from=2026-01-01T09:00:00Z", kHotelManager).endpoint ==
         AdminEndpoint::statistics);
   CHECK(json::parse(call("GET", "/api/admin/audit?limit=10", kHotelManager).command) ==
         json{{"type", "audit_log"}, {"limit", 10}, {"tenant", "Hotel"}});
   CHECK(json::parse(call("GET", "/api/admin/audit?tenant=Hotel", kHotelManager).command)["tenant"] == "Hotel");
   const auto other = refused("GET", "/api/admin/audit?tenant=DEFAULT", &kHotelManager);
   CHECK(other.status == 403);
   CHECK(other.error == "forbidden");
   for (const auto &[method, path] : {std::pair{"GET", "/api/admin/plugins"}, std::pair{"POST", "/api/admin/config/check"},
                                      std::pair{"POST", "/api/admin/config/reload"}}) {
      const auto r = refused(method, path, &kHotelManager);
      CHECK(r.status == 403);
      CHECK(r.message.find("tenant_manager") != std::string::npos);
   }
}

TEST_CASE("an attendant gets 403 from every admin endpoint") {
   for (const auto &[method, path] :
        {std::pair{"GET", "/api/admin/plugins"}, std::pair{"POST", "/api/admin/config/check"},
         std::pair{"POST", "/api/admin/config/reload"}, std::pair{"GET", "/api/admin/statistics?from=x"},
         std::pair{"GET", "/api/admin/audit"}}) {
      const auto r = refused(method, path, &kAttendant);
      CHECK(r.status == 403);
      CHECK(r.error == "forbidden");
   }
}

TEST_CASE("without a session a known admin endpoint is 401") {
   const auto r = refused("GET", "/api/admin/plugins", nullptr);
   CHECK(r.status == 401);
   CHECK(r.error == "unauthorized");
}

TEST_CASE("an unknown admin path is 404 and a wrong method 405 with Allow, before the session is looked at") {
   for (const char *path : {"/api/admin", "/api/admin/", "/api/admin/nothing", "/api/admin/plugins/x"}) {
      const auto r = refused("GET", path, nullptr);
      CHECK(r.status == 404);
      CHECK(r.error == "not_found");
   }
   const auto get_reload = refused("GET", "/api/admin/config/reload", nullptr);
   CHECK(get_reload.status == 405);
   CHECK(get_reload.allow == "POST");
   const auto post_plugins = refused("POST", "/api/admin/plugins", &kSystem);
   CHECK(post_plugins.status == 405);
   CHECK(post_plugins.allow == "GET");
}

TEST_CASE("bad query parameters are 400 naming the parameter") {
   CHECK(refused("GET", "/api/admin/statistics", &kSystem).message.find("'from'") != std::string::npos);
   CHECK(refused("GET", "/api/admin/plugins?x=1", &kSystem).message.find("unknown query parameter 'x'") !=
         std::string::npos);
   CHECK(refused("GET", "/api/admin/audit?limit=0", &kSystem).message.find("'limit'") != std::string::npos);
   CHECK(refused("GET", "/api/admin/audit?limit=1001", &kSystem).status == 400);
   CHECK(refused("GET", "/api/admin/audit?limit=abc", &kSystem).status == 400);
   CHECK(refused("GET", "/api/admin/audit?before=-3", &kSystem).status == 400);
   CHECK(refused("GET", "/api/admin/audit?limit=1&limit=2", &kSystem).message.find("more than once") !=
         std::string::npos);
   CHECK(refused("GET", "/api/admin/audit?tenant=%zz", &kSystem).status == 400);
   CHECK(refused("GET", "/api/admin/audit?tenant=a%0Ab", &kSystem).status == 400);
   CHECK(refused("GET", "/api/admin/audit?tenant=" + std::string(65, 'x'), &kSystem).status == 400);
}

TEST_CASE("only /api/admin and the paths below it are admin paths") {
   CHECK(is_admin_path("/api/admin"));
   CHECK(is_admin_path("/api/admin/plugins"));
   CHECK_FALSE(is_admin_path("/api/administrator"));
   CHECK_FALSE(is_admin_path("/api/session"));
}
