// SPDX-License-Identifier: GPL-3.0-or-later
// /api/admin over HTTP: the route, role and parameters are decided in the logic part
// (admin_routes.h), the command goes to the core through the hub and the request is parked until
// its answer comes (as log-on does), and the answer is made for the account (admin_answers.h).
// docs/client-web.md "Admin API".
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "admin_answers.h"
#include "admin_routes.h"
#include "net.h"

namespace portier::web {
namespace {

std::string_view sv(beast::string_view s) { return {s.data(), s.size()}; }

}  // namespace

// Not in an anonymous namespace: coroutine frames of functions with external linkage hold them.
namespace admin_wire {

// The tenant of statistics rows without one: attendants as the hub knows them, numbers from a
// snapshot asked for the purpose (only for tenant managers; system managers see every row).
Task<RowTenant> row_tenants(ServerContext &ctx) {
   std::string command = R"({"type":"snapshot"})";
   const auto snapshot = co_await ask_core(ctx, std::move(command));
   std::map<std::string, std::string, std::less<>> numbers;
   if (snapshot) numbers = number_tenants(*snapshot);
   RowTenant lookup = [&ctx, numbers = std::move(numbers)](std::string_view list,
                                                          std::string_view key) -> std::optional<std::string> {
      if (list == "attendants") return ctx.hub.attendant_tenant(key);
      const auto it = numbers.find(key);
      if (it == numbers.end()) return std::nullopt;
      return it->second;
   };
   co_return lookup;
}

}  // namespace admin_wire

Task<Response> answer_admin_api(ServerContext &ctx, const Request &req) {
   const unsigned v = req.version();
   const bool keep = req.keep_alive();
   const Session *session = session_of(ctx, req);
   auto routed = route_admin(sv(req.method_string()), sv(req.target()), session ? &session->account : nullptr);
   if (auto *refused = std::get_if<AdminRefusal>(&routed)) {
      Response res = json_answer(static_cast<http::status>(refused->status), v,
                                 refusal_json(refused->error, refused->message), keep);
      if (!refused->allow.empty()) res.set(http::field::allow, refused->allow);
      co_return res;
   }
   // Another site's page must not read or change anything with the manager's cookie.
   if (auto why = refuse_cross_site(ctx, req, session, false)) {
      co_return json_answer(http::status::forbidden, v, refusal_json("forbidden", *why), keep);
   }
   // The session may end while the core answers: what is needed of it is copied now.
   const Account account = session->account;
   AdminCall call = std::get<AdminCall>(std::move(routed));
   const auto answer = co_await ask_core(ctx, std::move(call.command));
   if (!answer) {
      co_return json_answer(http::status::service_unavailable, v,
                            refusal_json("unavailable", "the core did not answer in time"), keep);
   }
   RowTenant row_tenant;
   if (call.endpoint == AdminEndpoint::statistics && account.role != Role::system_manager) {
      row_tenant = co_await admin_wire::row_tenants(ctx);
   }
   const AdminAnswer out = admin_answer(call.endpoint, account, *answer, row_tenant);
   co_return json_answer(static_cast<http::status>(out.status), v, out.body, keep);
}

}  // namespace portier::web
