// SPDX-License-Identifier: GPL-3.0-or-later
#include "directory/contact.h"

#include <array>
#include <string>
#include <tuple>
#include <utility>

namespace portier::directory {

namespace {

std::optional<DirectoryError> too_long(std::string_view field, std::string_view value, std::size_t limit) {
   if (value.size() <= limit) return std::nullopt;
   return DirectoryError{std::string(field) + ": " + std::to_string(value.size()) + " bytes, at most " +
                         std::to_string(limit)};
}

constexpr std::array<std::pair<NumberType, std::string_view>, 5> kTypeNames{{
    {NumberType::office, "office"},
    {NumberType::mobile, "mobile"},
    {NumberType::home, "home"},
    {NumberType::fax, "fax"},
    {NumberType::private_line, "private"},
}};

}  // namespace

std::optional<DirectoryError> check_contact(const Contact &c) {
   const std::array<std::tuple<std::string_view, std::string_view, std::size_t>, 12> fields{{
       {"given name", c.name.given, kMaxNameBytes},
       {"family name", c.name.family, kMaxNameBytes},
       {"display name", c.name.display, kMaxNameBytes},
       {"company", c.company, kMaxFieldBytes},
       {"department", c.department, kMaxFieldBytes},
       {"location", c.location, kMaxFieldBytes},
       {"building", c.building, kMaxFieldBytes},
       {"cost centre", c.cost_centre, kMaxFieldBytes},
       {"notes", c.notes, kMaxNotesBytes},
       {"extension", c.extension, kMaxExtensionBytes},
       {"source", c.source, kMaxSourceBytes},
       {"source id", c.source_id, kMaxSourceIdBytes},
   }};
   for (const auto &[field, value, limit] : fields)
      if (auto error = too_long(field, value, limit)) return error;
   if (c.numbers.size() > kMaxNumbers)
      return DirectoryError{std::to_string(c.numbers.size()) + " numbers, at most " + std::to_string(kMaxNumbers)};
   for (const ContactNumber &number : c.numbers) {
      if (auto error = too_long("number", number.given, kMaxFieldBytes)) return error;
      if (number.given.empty() && number.e164.empty()) return DirectoryError{"number: empty"};
   }
   if (c.emails.size() > kMaxEmails)
      return DirectoryError{std::to_string(c.emails.size()) + " e-mail addresses, at most " + std::to_string(kMaxEmails)};
   for (const std::string &email : c.emails) {
      if (auto error = too_long("e-mail", email, kMaxEmailBytes)) return error;
      if (email.find('@') == std::string::npos) return DirectoryError{"e-mail '" + email + "': no '@'"};
   }
   for (char ch : c.extension)
      if (ch < '0' || ch > '9') return DirectoryError{"extension '" + c.extension + "': digits only"};
   if (c.source.empty()) return DirectoryError{"source: empty"};
   if (c.source_id.empty()) return DirectoryError{"source id: empty"};
   if (c.name.given.empty() && c.name.family.empty() && c.name.display.empty() && c.company.empty() &&
       c.numbers.empty() && c.extension.empty())
      return DirectoryError{"no name, company, number or extension: nothing to find it by"};
   return std::nullopt;
}

std::string_view name_of(NumberType type) {
   for (const auto &[value, name] : kTypeNames)
      if (value == type) return name;
   return "office";
}

std::optional<NumberType> number_type_named(std::string_view name) {
   for (const auto &[value, type_name] : kTypeNames)
      if (type_name == name) return value;
   return std::nullopt;
}

std::string display_name_of(const Contact &contact) { return display_name_of(contact.name, contact.company); }

std::string display_name_of(const ContactName &name, std::string_view company) {
   if (!name.display.empty()) return name.display;
   if (!name.family.empty() && !name.given.empty()) return name.family + ", " + name.given;
   if (!name.family.empty()) return name.family;
   if (!name.given.empty()) return name.given;
   return std::string(company);
}

}  // namespace portier::directory
