// SPDX-License-Identifier: GPL-3.0-or-later
#include "admin_routes.h"

#include <array>
#include <charconv>
#include <cstdint>
#include <map>
#include <optional>

#include <nlohmann/json.hpp>

#include "json_text.h"
#include "request_target.h"

namespace portier::web {
namespace {

using nlohmann::json;

struct RouteEntry {
   std::string_view path;     // below kAdminPrefix
   std::string_view method;   // the only one it takes
   AdminEndpoint endpoint;
   bool tenant_managers;      // tenant managers too (system managers always)
   std::string_view params;   // the query parameters it knows, comma-separated
};

// The route and role table: docs/client-web.md "Admin API" lists the same.
constexpr std::array<RouteEntry, 5> kRoutes{{
    {"/plugins", "GET", AdminEndpoint::plugins, false, ""},
    {"/config/check", "POST", AdminEndpoint::config_check, false, ""},
    {"/config/reload", "POST", AdminEndpoint::config_reload, false, ""},
    {"/statistics", "GET", AdminEndpoint::statistics, true, "from,to"},
    {"/audit", "GET", AdminEndpoint::audit, true, "limit,before,tenant"},
}};

AdminRefusal refusal(unsigned status, std::string error, std::string message) {
   return AdminRefusal{status, std::move(error), std::move(message), ""};
}

// %-decoded, '+' as space; nullopt for a broken escape or a control character.
std::optional<std::string> decode_query_part(std::string_view text) {
   std::string out;
   for (std::size_t i = 0; i < text.size(); ++i) {
      char c = text[i];
      if (c == '+') {
         c = ' ';
      } else if (c == '%') {
         if (i + 2 >= text.size()) return std::nullopt;
         const int hi = hex_value(text[i + 1]);
         const int lo = hex_value(text[i + 2]);
         if (hi < 0 || lo < 0) return std::nullopt;
         c = static_cast<char>(hi * 16 + lo);
         i += 2;
      }
      if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return std::nullopt;
      out.push_back(c);
   }
   return out;
}

bool listed(std::string_view list, std::string_view name) {
   while (!list.empty()) {
      const std::size_t comma = list.find(',');
      if (list.substr(0, comma) == name) return true;
      if (comma == std::string_view::npos) break;
      list.remove_prefix(comma + 1);
   }
   return false;
}

// The query's parameters, each once, each known to the route; or the refusal.
std::variant<std::map<std::string, std::string>, AdminRefusal> read_query(std::string_view target,
                                                                         const RouteEntry &route) {
   std::map<std::string, std::string> out;
   const std::size_t q = target.find('?');
   if (q == std::string_view::npos) return out;
   std::string_view query = target.substr(q + 1);
   query = query.substr(0, query.find('#'));
   int parts = 0;
   while (!query.empty()) {
      if (++parts > 8) return refusal(400, "invalid", "too many query parameters");
      const std::size_t amp = query.find('&');
      const std::string_view part = query.substr(0, amp);
      query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
      if (part.empty()) continue;
      const std::size_t eq = part.find('=');
      auto name = decode_query_part(part.substr(0, eq));
      auto value = decode_query_part(eq == std::string_view::npos ? std::string_view() : part.substr(eq + 1));
      if (!name || !value) return refusal(400, "invalid", "the query has a broken %-escape or a control character");
      if (!listed(route.params, *name)) {
         const std::string known = route.params.empty() ? "none" : std::string(route.params);
         return refusal(400, "invalid",
                        "unknown query parameter '" + name->substr(0, kMaxQueryValueChars) + "' (known: " + known + ")");
      }
      if (value->empty() || value->size() > kMaxQueryValueChars) {
         return refusal(400, "invalid", "'" + *name + "' must be 1 to " + std::to_string(kMaxQueryValueChars) + " characters");
      }
      if (!out.emplace(*name, std::move(*value)).second) {
         return refusal(400, "invalid", "'" + *name + "' is given more than once");
      }
   }
   return out;
}

// A positive integer parameter within [1, max], or the refusal.
std::variant<std::int64_t, AdminRefusal> positive(const std::string &name, const std::string &text, std::int64_t max) {
   std::int64_t n = 0;
   const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
   if (ec != std::errc() || end != text.data() + text.size() || n < 1 || n > max) {
      return refusal(400, "invalid", "'" + name + "' must be an integer from 1 to " + std::to_string(max));
   }
   return n;
}

std::variant<AdminCall, AdminRefusal> statistics_call(const std::map<std::string, std::string> &params) {
   const auto from = params.find("from");
   if (from == params.end()) {
      return refusal(400, "invalid", "statistics need 'from' (UTC, e.g. 2026-01-01T09:00:00Z)");
   }
   json command{{"type", "statistics"}, {"from", from->second}};
   if (const auto to = params.find("to"); to != params.end()) command["to"] = to->second;
   return AdminCall{AdminEndpoint::statistics, json_text(command)};
}

constexpr std::int64_t kMaxAuditLimit = 1000;  // as the core's audit_log
constexpr std::int64_t kMaxAuditId = std::int64_t{1} << 53;

std::variant<AdminCall, AdminRefusal> audit_call(const std::map<std::string, std::string> &params,
                                                 const Account &account) {
   json command{{"type", "audit_log"}};
   if (const auto it = params.find("limit"); it != params.end()) {
      auto n = positive("limit", it->second, kMaxAuditLimit);
      if (auto *bad = std::get_if<AdminRefusal>(&n)) return std::move(*bad);
      command["limit"] = std::get<std::int64_t>(n);
   }
   if (const auto it = params.find("before"); it != params.end()) {
      auto n = positive("before", it->second, kMaxAuditId);
      if (auto *bad = std::get_if<AdminRefusal>(&n)) return std::move(*bad);
      command["before"] = std::get<std::int64_t>(n);
   }
   const auto tenant = params.find("tenant");
   if (account.role == Role::system_manager) {
      if (tenant != params.end()) command["tenant"] = tenant->second;
   } else {
      // A tenant manager reads its own tenant's entries only; naming another is refused.
      if (tenant != params.end() && tenant->second != account.tenant) {
         return refusal(403, "forbidden", "a tenant manager reads the audit log of its own tenant only");
      }
      command["tenant"] = account.tenant;
   }
   return AdminCall{AdminEndpoint::audit, json_text(command)};
}

}  // namespace

bool is_admin_path(std::string_view path) {
   if (path.substr(0, kAdminPrefix.size()) != kAdminPrefix) return false;
   return path.size() == kAdminPrefix.size() || path[kAdminPrefix.size()] == '/';
}

std::variant<AdminCall, AdminRefusal> route_admin(std::string_view method, std::string_view target,
                                                  const Account *account) {
   const std::string_view path = target_path(target);
   const std::string_view below = is_admin_path(path) ? path.substr(kAdminPrefix.size()) : std::string_view();
   const RouteEntry *route = nullptr;
   for (const RouteEntry &r : kRoutes) {
      if (r.path == below) route = &r;
   }
   if (route == nullptr) {
      return refusal(404, "not_found", "no such admin API: " + std::string(path.substr(0, 200)));
   }
   if (method != route->method) {
      AdminRefusal r = refusal(405, "method_not_allowed",
                               std::string(path) + " takes " + std::string(route->method) + " only");
      r.allow = std::string(route->method);
      return r;
   }
   if (account == nullptr) return refusal(401, "unauthorized", "log on first (POST /api/session)");
   const bool allowed = account->role == Role::system_manager ||
                        (account->role == Role::tenant_manager && route->tenant_managers);
   if (!allowed) {
      return refusal(403, "forbidden",
                     std::string(path) + " is not for the role " + std::string(role_name(account->role)));
   }
   auto params = read_query(target, *route);
   if (auto *bad = std::get_if<AdminRefusal>(&params)) return std::move(*bad);
   const auto &p = std::get<std::map<std::string, std::string>>(params);
   switch (route->endpoint) {
   case AdminEndpoint::plugins: return AdminCall{route->endpoint, R"({"type":"plugin_status"})"};
   case AdminEndpoint::config_check: return AdminCall{route->endpoint, R"({"type":"config_check"})"};
   case AdminEndpoint::config_reload: return AdminCall{route->endpoint, R"({"type":"config_reload"})"};
   case AdminEndpoint::statistics: return statistics_call(p);
   case AdminEndpoint::audit: return audit_call(p, *account);
   }
   return refusal(404, "not_found", "no such admin API");
}

}  // namespace portier::web
