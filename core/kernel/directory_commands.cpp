// SPDX-License-Identifier: GPL-3.0-or-later
#include "kernel/directory_commands.h"

#include <ctime>

#include "directory/contact_lookup.h"
#include "directory/search.h"
#include "numbers/from_e164.h"

namespace portier::kernel {

namespace {

constexpr std::size_t kMaxTenantBytes = 64;
constexpr std::size_t kMaxTokenBytes = 64;
constexpr std::int64_t kDefaultPageSize = 20;

nlohmann::json error(const char *code, std::string message) {
   return {{"ok", false}, {"error", code}, {"message", std::move(message)}};
}

// The string field `key`, at most `max_bytes`; nullopt with `why` set otherwise.
std::optional<std::string> text_field(const nlohmann::json &request, const char *key, bool required,
                                      std::size_t max_bytes, std::string &why) {
   const auto it = request.find(key);
   if (it == request.end()) {
      if (!required) return std::string();
      why = std::string("\"") + key + "\" is missing";
      return std::nullopt;
   }
   if (!it->is_string()) {
      why = std::string("\"") + key + "\" must be a string";
      return std::nullopt;
   }
   const auto &text = it->get_ref<const std::string &>();
   if (text.size() > max_bytes) {
      why = std::string("\"") + key + "\" is longer than " + std::to_string(max_bytes) + " bytes";
      return std::nullopt;
   }
   if (required && text.empty()) {
      why = std::string("\"") + key + "\" is empty";
      return std::nullopt;
   }
   return text;
}

std::string iso_of(std::time_t t) {
   std::tm utc{};
   gmtime_r(&t, &utc);
   char text[32];
   std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
   return text;
}

nlohmann::json phones_json(const std::vector<directory::ContactNumber> &numbers, const numbers::NumberPlan *plan) {
   nlohmann::json phones = nlohmann::json::array();
   for (const directory::ContactNumber &number : numbers) {
      const std::string &shown = number.e164.empty() ? number.given : number.e164;
      nlohmann::json phone{{"type", directory::name_of(number.type)}, {"number", shown}};
      if (number.given != shown) phone["given"] = number.given;
      if (plan && !number.e164.empty())
         if (const auto dial = numbers::from_e164(*plan, number.e164, numbers::Form::dial)) phone["dial"] = *dial;
      phones.push_back(std::move(phone));
   }
   return phones;
}

// A JSON array of `texts`, moved in: a page's answer is built once per keystroke.
nlohmann::json texts_json(std::vector<std::string> &&texts) {
   nlohmann::json array = nlohmann::json::array();
   array.get_ref<nlohmann::json::array_t &>().reserve(texts.size());
   for (std::string &text : texts) array.push_back(std::move(text));
   return array;
}

void put_live_state(nlohmann::json &j, const std::string &extension, const PhoneStateOf &phone_state) {
   if (extension.empty() || !phone_state) return;
   if (const auto state = phone_state(extension)) j["phone_state"] = *state;
}

// The fused `state` (phone and presence), absent when nothing is known about the contact.
void put_contact_state(nlohmann::json &j, std::int64_t id, const ContactStateOf &state_of) {
   if (!state_of) return;
   if (auto state = state_of(id)) j["state"] = std::move(*state);
}

// The result's texts are moved into the answer, not copied.
nlohmann::json result_json(directory::SearchResult &&r, const PhoneStateOf &phone_state,
                           const numbers::NumberPlan *plan, const ContactStateOf &state_of) {
   nlohmann::json j{{"id", r.contact_id},
                    {"display_name", std::move(r.display_name)},
                    {"given_name", std::move(r.given_name)},
                    {"family_name", std::move(r.family_name)},
                    {"company", std::move(r.company)},
                    {"department", std::move(r.department)},
                    {"location", std::move(r.location)},
                    {"building", std::move(r.building)},
                    {"extension", r.extension},
                    {"phones", phones_json(r.numbers, plan)},
                    {"emails", texts_json(std::move(r.emails))},
                    {"sources", texts_json(std::move(r.sources))}};
   put_live_state(j, r.extension, phone_state);
   put_contact_state(j, r.contact_id, state_of);
   if (r.presence) j["presence"] = std::move(*r.presence);
   if (r.absence) j["absence"] = std::move(*r.absence);
   return j;
}

std::optional<std::string> tenant_of(const nlohmann::json &request, std::string &why) {
   auto tenant = text_field(request, "tenant", true, kMaxTenantBytes, why);
   if (tenant && *tenant == "*") {
      why = "\"tenant\" must name one tenant, not \"*\"";
      return std::nullopt;
   }
   return tenant;
}

nlohmann::json search(const nlohmann::json &request, DirectorySync &sync, const PhoneStateOf &phone_state,
                      const numbers::NumberPlan *plan, const ContactStateOf &state_of) {
   std::string why;
   const auto tenant = tenant_of(request, why);
   const auto query = tenant ? text_field(request, "query", true, directory::kMaxQueryBytes, why) : std::nullopt;
   const auto token = query ? text_field(request, "page_token", false, kMaxTokenBytes, why) : std::nullopt;
   if (!token) return error("invalid", "directory_search: " + why);
   std::int64_t page_size = kDefaultPageSize;
   if (const auto it = request.find("page_size"); it != request.end()) {
      if (!it->is_number_integer() || it->get<std::int64_t>() < 1 ||
          it->get<std::int64_t>() > static_cast<std::int64_t>(directory::kMaxPageSize))
         return error("invalid", "directory_search: \"page_size\" must be an integer 1 to " +
                                     std::to_string(directory::kMaxPageSize));
      page_size = it->get<std::int64_t>();
   }
   auto page = directory::search(sync.db(), *query, static_cast<std::size_t>(page_size), *token, *tenant);
   if (!page) return error("invalid", "directory_search: " + page.error().what);
   nlohmann::json contacts = nlohmann::json::array();
   contacts.get_ref<nlohmann::json::array_t &>().reserve(page->results.size());
   for (directory::SearchResult &result : page.value().results)
      contacts.push_back(result_json(std::move(result), phone_state, plan, state_of));
   return {{"ok", true}, {"contacts", std::move(contacts)}, {"next_page_token", page->next_page_token}};
}

nlohmann::json contact(const nlohmann::json &request, DirectorySync &sync, const PhoneStateOf &phone_state,
                       const numbers::NumberPlan *plan, const ContactStateOf &state_of) {
   std::string why;
   const auto tenant = tenant_of(request, why);
   if (!tenant) return error("invalid", "directory_contact: " + why);
   // A console's WebSocket keeps "id" for its own request ids: "contact_id" is the same field.
   auto it = request.find("contact_id");
   if (it == request.end()) it = request.find("id");
   if (it == request.end() || !it->is_number_integer() || it->get<std::int64_t>() < 1)
      return error("invalid", "directory_contact: \"contact_id\" (or \"id\") must be a contact id (a positive integer)");
   const std::int64_t id = it->get<std::int64_t>();
   auto found = directory::find_contact(sync.db(), *tenant, id);
   if (!found) return error("unavailable", "directory_contact: " + found.error().what);
   if (!found.value())
      return error("not_found", "directory_contact: no contact " + std::to_string(id) + " in the phone book of tenant '" +
                                    *tenant + "'");
   const directory::ContactRecord &record = *found.value();
   const directory::Contact &c = record.contact;
   nlohmann::json j{{"id", record.id},
                    {"display_name", c.name.display},
                    {"given_name", c.name.given},
                    {"family_name", c.name.family},
                    {"company", c.company},
                    {"department", c.department},
                    {"location", c.location},
                    {"building", c.building},
                    {"cost_centre", c.cost_centre},
                    {"notes", c.notes},
                    {"extension", c.extension},
                    {"phones", phones_json(c.numbers, plan)},
                    {"emails", c.emails},
                    {"sources", record.sources},
                    {"tenant", c.tenant}};
   put_live_state(j, c.extension, phone_state);
   put_contact_state(j, record.id, state_of);
   return {{"ok", true}, {"contact", std::move(j)}};
}

nlohmann::json sync_now(const nlohmann::json &request, DirectorySync &sync) {
   std::string why;
   const auto source = text_field(request, "source", true, 128, why);
   if (!source) return error("invalid", "directory_sync: " + why);
   switch (sync.run_now(*source, why)) {
      case SyncStart::started: return {{"ok", true}, {"started", true}, {"source", *source}};
      case SyncStart::busy: return error("busy", "directory_sync: " + why);
      case SyncStart::unknown_source: return error("unknown_source", "directory_sync: " + why);
      case SyncStart::unavailable: return error("unavailable", "directory_sync: " + why);
      case SyncStart::failed: break;
   }
   return error("failed", "directory_sync: " + why);
}

nlohmann::json status(DirectorySync &sync) {
   nlohmann::json sources = nlohmann::json::array();
   const std::int64_t now_us = sync.loop().clock().now_us();
   const std::time_t now = std::time(nullptr);
   for (const SyncSource &s : sync.sources()) {
      nlohmann::json j{{"source", s.config.plugin},
                       {"tenant", s.config.tenant},
                       {"schedule", s.config.schedule.text},
                       {"running", s.running}};
      if (s.running) j["running_since"] = s.current.started;
      if (s.next_run_us >= 0)
         j["next_run"] = iso_of(now + static_cast<std::time_t>((s.next_run_us - now_us) / 1000000));
      if (s.last) j["last"] = to_json(*s.last, false);
      sources.push_back(std::move(j));
   }
   return {{"ok", true}, {"sources", std::move(sources)}};
}

nlohmann::json report(const nlohmann::json &request, DirectorySync &sync) {
   std::string why;
   const auto source = text_field(request, "source", true, 128, why);
   if (!source) return error("invalid", "directory_report: " + why);
   for (const SyncSource &s : sync.sources()) {
      if (s.config.plugin != *source) continue;
      if (!s.last) return error("not_found", "directory_report: '" + *source + "' has not finished a run yet");
      return {{"ok", true}, {"report", to_json(*s.last, true)}};
   }
   return error("unknown_source", "directory_report: '" + *source + "' is not a source of the directory section");
}

}  // namespace

bool serves_directory(std::string_view type) {
   return type == "directory_search" || type == "directory_contact" || type == "directory_sync" ||
          type == "directory_status" || type == "directory_report";
}

nlohmann::json answer_directory(const nlohmann::json &request, DirectorySync *sync, const PhoneStateOf &phone_state,
                                const numbers::NumberPlan *plan, const ContactStateOf &state_of) {
   const std::string type = request.value("type", std::string());
   if (sync == nullptr) return error("unavailable", type + ": no phone book is configured (the directory section is empty)");
   if (type == "directory_search") return search(request, *sync, phone_state, plan, state_of);
   if (type == "directory_contact") return contact(request, *sync, phone_state, plan, state_of);
   if (type == "directory_sync") return sync_now(request, *sync);
   if (type == "directory_status") return status(*sync);
   return report(request, *sync);
}

}  // namespace portier::kernel
