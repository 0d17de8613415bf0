// SPDX-License-Identifier: GPL-3.0-or-later
#include "directory/contact_json.h"

#include <nlohmann/json.hpp>

#include "directory/contact_json_writer.h"

namespace portier::directory {

// Short keys: the store holds a million of these. The direct writer gives the same bytes; the
// JSON tree is kept for texts with broken UTF-8, whose bytes nlohmann replaces.
std::string to_json(const Contact &c) {
   if (std::optional<std::string> text = write_contact_json(c)) return std::move(*text);
   nlohmann::json j = nlohmann::json::object();
   const auto put = [&](const char *key, const std::string &value) {
      if (!value.empty()) j[key] = value;
   };
   put("g", c.name.given);
   put("f", c.name.family);
   put("d", c.name.display);
   put("c", c.company);
   put("dp", c.department);
   put("l", c.location);
   put("b", c.building);
   put("cc", c.cost_centre);
   put("n", c.notes);
   put("x", c.extension);
   put("s", c.source);
   put("i", c.source_id);
   if (c.tenant != kEveryTenant) put("t", c.tenant);  // most books have one tenant: "*" is left out
   if (!c.numbers.empty()) {
      nlohmann::json numbers = nlohmann::json::array();
      for (const ContactNumber &number : c.numbers)
         numbers.push_back({std::string(name_of(number.type)), number.e164, number.given});
      j["p"] = std::move(numbers);
   }
   if (!c.emails.empty()) j["e"] = c.emails;
   return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

DirectoryResult<Contact> contact_from_json(std::string_view text) {
   const nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
   if (j.is_discarded() || !j.is_object()) return DirectoryError{"stored contact is not a JSON object"};
   Contact c;
   const auto get = [&](const char *key, std::string &out) {
      if (auto it = j.find(key); it != j.end() && it->is_string()) out = it->get<std::string>();
   };
   get("g", c.name.given);
   get("f", c.name.family);
   get("d", c.name.display);
   get("c", c.company);
   get("dp", c.department);
   get("l", c.location);
   get("b", c.building);
   get("cc", c.cost_centre);
   get("n", c.notes);
   get("x", c.extension);
   get("s", c.source);
   get("i", c.source_id);
   c.tenant = std::string(kEveryTenant);
   get("t", c.tenant);
   if (auto it = j.find("p"); it != j.end() && it->is_array()) {
      for (const nlohmann::json &entry : *it) {
         if (!entry.is_array() || entry.size() != 3 || !entry[0].is_string() || !entry[1].is_string() ||
             !entry[2].is_string())
            return DirectoryError{"stored number is not [type, e164, given]"};
         ContactNumber number;
         number.type = number_type_named(entry[0].get<std::string>()).value_or(NumberType::office);
         number.e164 = entry[1].get<std::string>();
         number.given = entry[2].get<std::string>();
         c.numbers.push_back(std::move(number));
      }
   }
   if (auto it = j.find("e"); it != j.end() && it->is_array())
      for (const nlohmann::json &email : *it)
         if (email.is_string()) c.emails.push_back(email.get<std::string>());
   return c;
}

}  // namespace portier::directory
