// SPDX-License-Identifier: GPL-3.0-or-later
#include "record_view.h"

namespace portier::csv {

void view_as_record(const Contact &contact, std::vector<portier_directory_phone> &phones,
                    std::vector<const char *> &emails, portier_directory_record &record) {
   phones.clear();
   for (std::size_t i = 0; i < contact.phone_count(); ++i) {
      phones.push_back(portier_directory_phone{contact.phone_type(i), 0, contact.phone_number(i)});
   }
   record = portier_directory_record{};
   record.struct_size = static_cast<std::uint32_t>(sizeof record);
   record.phone_count = static_cast<std::uint32_t>(phones.size());
   record.source_key = contact.get(Field::source_id);
   record.display_name = contact.get(Field::display);
   record.first_name = contact.get(Field::given);
   record.last_name = contact.get(Field::family);
   record.company = contact.get(Field::company);
   record.department = contact.get(Field::department);
   record.location = contact.get(Field::location);
   record.email = contact.email_count() > 0 ? contact.email(0) : "";
   record.sip_uri = contact.get(Field::sip_uri);
   record.phones = phones.empty() ? nullptr : phones.data();
   record.building = contact.get(Field::building);
   record.cost_centre = contact.get(Field::cost_centre);
   record.notes = contact.get(Field::notes);
   record.extension = contact.get(Field::extension);
   emails.clear();
   for (std::size_t i = 0; i < contact.email_count(); ++i) emails.push_back(contact.email(i));
   record.email_count = static_cast<std::uint32_t>(emails.size());
   record.emails = emails.empty() ? nullptr : emails.data();
}

void view_as_reject(const RejectedRow &row, portier_directory_reject &reject) {
   reject = portier_directory_reject{};
   reject.struct_size = static_cast<std::uint32_t>(sizeof reject);
   // a CSV file of 5,000,000 rows stays far below 2^32 lines
   reject.line = static_cast<std::uint32_t>(row.line);
   reject.offset = row.offset;
   reject.source_key = row.source_key.c_str();
   reject.reason = row.reason.c_str();
}

}  // namespace portier::csv
