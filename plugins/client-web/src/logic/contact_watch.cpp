// SPDX-License-Identifier: GPL-3.0-or-later
#include "contact_watch.h"

#include <nlohmann/json.hpp>

namespace portier::web {
namespace {

using nlohmann::json;

}  // namespace

std::variant<WatchSet, std::string> read_watch_ids(std::string_view command) {
   const json j = json::parse(command, nullptr, false);
   if (j.is_discarded() || !j.is_object()) return std::string("a command is a JSON object");
   const auto ids = j.find("ids");
   if (ids == j.end() || !ids->is_array()) return std::string("watch_contacts: \"ids\" must be an array of contact ids");
   if (ids->size() > kMaxWatchedContacts) {
      return "watch_contacts: \"ids\" holds " + std::to_string(ids->size()) + " ids, at most " +
             std::to_string(kMaxWatchedContacts) + " may be watched";
   }
   WatchSet set;
   for (const json &id : *ids) {
      if (!id.is_number_integer() || id.get<std::int64_t>() < 1) {
         return std::string("watch_contacts: every one of \"ids\" must be a contact id (a positive integer)");
      }
      set.insert(id.get<std::int64_t>());
   }
   return set;
}

bool is_contact_state(std::string_view event) {
   if (event.find("contact_state") == std::string_view::npos) return false;  // most events: no parse
   const json j = json::parse(event, nullptr, false);
   return !j.is_discarded() && j.is_object() && j.value("event", json()) == "contact_state";
}

std::optional<ContactStateEvent> read_contact_state(std::string_view event) {
   const json j = json::parse(event, nullptr, false);
   if (j.is_discarded() || !j.is_object() || j.value("event", json()) != "contact_state") return std::nullopt;
   const json tenant = j.value("tenant", json());
   const json id = j.value("contact_id", json());
   if (!tenant.is_string() || tenant.get<std::string>().empty()) return std::nullopt;
   if (!id.is_number_integer() || id.get<std::int64_t>() < 1) return std::nullopt;
   return ContactStateEvent{tenant.get<std::string>(), id.get<std::int64_t>()};
}

bool wants_contact_state(const ContactStateEvent &event, const Scope &scope, const WatchSet &watching) {
   if (watching.count(event.contact_id) == 0) return false;
   return event.tenant == "*" || scope.account.role == Role::system_manager || event.tenant == scope.account.tenant;
}

}  // namespace portier::web
