// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzzes client.web's admin API router, portier::web::route_admin (the request target with its
// query, from anyone who can reach the port), and the address-range reader of metrics.allow.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

#include <nlohmann/json.hpp>

#include "address_allow.h"
#include "admin_routes.h"
#include "broken_promise.h"

using portier::fuzz::require;
using namespace portier::web;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
   const std::string_view target(reinterpret_cast<const char *>(data), size);
   const Account manager{"Hotel", "hm", Role::tenant_manager};
   const Account attendant{"DEFAULT", "anna", Role::attendant};
   for (const Account *who : {static_cast<const Account *>(nullptr), &manager, &attendant}) {
      for (const std::string_view method : {"GET", "POST"}) {
         const auto routed = route_admin(method, target, who);
         if (const auto *r = std::get_if<AdminRefusal>(&routed)) {
            require(r->status >= 400 && r->status <= 405, "a refusal is a 4xx of the table");
            require(!r->error.empty() && !r->message.empty(), "a refusal says what and why");
            continue;
         }
         require(who != nullptr && who->role != Role::attendant, "only managers get a command");
         const auto command = nlohmann::json::parse(std::get<AdminCall>(routed).command, nullptr, false);
         require(command.is_object() && command.contains("type"), "the command is a JSON object with a type");
         if (command["type"] == "audit_log") require(command["tenant"] == "Hotel", "a tenant manager's audit is its own");
      }
   }
   if (const auto range = parse_address_range(target)) {
      require(range->prefix >= 0 && range->prefix <= (range->v6 ? 128 : 32), "a prefix fits its family");
   }
   (void)address_allowed({}, target);
   return 0;
}
