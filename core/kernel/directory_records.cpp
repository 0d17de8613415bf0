// SPDX-License-Identifier: GPL-3.0-or-later
#include "kernel/directory_records.h"

#include "kernel/fixed_text.h"

namespace portier::kernel {

namespace {

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
   c.source_id = text_or_empty(record.source_key);
   c.name.display = text_or_empty(record.display_name);
   c.name.given = text_or_empty(record.first_name);
   c.name.family = text_or_empty(record.last_name);
   c.company = text_or_empty(record.company);
   c.department = text_or_empty(record.department);
   c.location = text_or_empty(record.location);
   for (std::uint32_t i = 0; record.phones != nullptr && i < record.phone_count; ++i) {
      const portier_directory_phone &phone = record.phones[i];
      const std::string number = text_or_empty(phone.number);
      if (!number.empty()) c.numbers.push_back({type_of(phone.type), "", number});
   }
   if (PORTIER_HAS(&record, portier_directory_record, emails)) {
      c.building = text_or_empty(record.building);
      c.cost_centre = text_or_empty(record.cost_centre);
      c.notes = text_or_empty(record.notes);
      c.extension = text_or_empty(record.extension);
      for (std::uint32_t i = 0; record.emails != nullptr && i < record.email_count; ++i) {
         const std::string email = text_or_empty(record.emails[i]);
         if (!email.empty()) c.emails.push_back(email);
      }
   }
   if (c.emails.empty()) {
      const std::string email = text_or_empty(record.email);
      if (!email.empty()) c.emails.push_back(email);
   }
   return c;
}

}  // namespace portier::kernel
