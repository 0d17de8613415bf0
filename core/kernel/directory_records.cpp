// SPDX-License-Identifier: GPL-3.0-or-later
#include "kernel/directory_records.h"

namespace portier::kernel {

namespace {

// The ABI promises "" for absent strings; a NULL from a careless plugin is read as "" too.
std::string text(const char *s) { return s ? std::string(s) : std::string(); }

directory::NumberType type_of(std::int32_t type) {
   switch (type) {
      case PORTIER_PHONE_MOBILE: return directory::NumberType::mobile;
      case PORTIER_PHONE_HOME: return directory::NumberType::home;
      case PORTIER_PHONE_FAX: return directory::NumberType::fax;
      case PORTIER_PHONE_PRIVATE: return directory::NumberType::private_line;
      default: return directory::NumberType::office;  // office, other, and types after this version
   }
}

}  // namespace

directory::Contact contact_of(const portier_directory_record &record, std::string_view source) {
   directory::Contact c;
   c.source = std::string(source);
   c.source_id = text(record.source_key);
   c.name.display = text(record.display_name);
   c.name.given = text(record.first_name);
   c.name.family = text(record.last_name);
   c.company = text(record.company);
   c.department = text(record.department);
   c.location = text(record.location);
   for (std::uint32_t i = 0; record.phones != nullptr && i < record.phone_count; ++i) {
      const portier_directory_phone &phone = record.phones[i];
      const std::string number = text(phone.number);
      if (!number.empty()) c.numbers.push_back({type_of(phone.type), "", number});
   }
   if (PORTIER_HAS(&record, portier_directory_record, emails)) {
      c.building = text(record.building);
      c.cost_centre = text(record.cost_centre);
      c.notes = text(record.notes);
      c.extension = text(record.extension);
      for (std::uint32_t i = 0; record.emails != nullptr && i < record.email_count; ++i) {
         const std::string email = text(record.emails[i]);
         if (!email.empty()) c.emails.push_back(email);
      }
   }
   if (c.emails.empty()) {
      const std::string email = text(record.email);
      if (!email.empty()) c.emails.push_back(email);
   }
   return c;
}

}  // namespace portier::kernel
