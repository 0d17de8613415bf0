// SPDX-License-Identifier: GPL-3.0-or-later
#include "record_view.h"

#include <algorithm>
#include <limits>

namespace portier::ldap {

void view_as_record(const Contact &contact, std::vector<portier_directory_phone> &phones,
                    std::vector<const char *> &emails, portier_directory_record &record) {
   phones.clear();
   for (const auto &[type, number] : contact.phones) phones.push_back(portier_directory_phone{type, 0, number.c_str()});
   emails.clear();
   for (const std::string &e : contact.emails) emails.push_back(e.c_str());
   record = portier_directory_record{};
   record.struct_size = static_cast<std::uint32_t>(sizeof record);
   record.phone_count = static_cast<std::uint32_t>(phones.size());
   record.source_key = contact.get(Field::source_id).c_str();
   record.display_name = contact.get(Field::display_name).c_str();
   record.first_name = contact.get(Field::given).c_str();
   record.last_name = contact.get(Field::family).c_str();
   record.company = contact.get(Field::company).c_str();
   record.department = contact.get(Field::department).c_str();
   record.location = contact.get(Field::location).c_str();
   record.email = emails.empty() ? "" : emails.front();
   record.sip_uri = contact.get(Field::sip_uri).c_str();
   record.phones = phones.empty() ? nullptr : phones.data();
   record.building = contact.get(Field::building).c_str();
   record.cost_centre = contact.get(Field::cost_centre).c_str();
   record.notes = contact.get(Field::notes).c_str();
   record.extension = contact.get(Field::extension).c_str();
   record.email_count = static_cast<std::uint32_t>(emails.size());
   record.emails = emails.empty() ? nullptr : emails.data();
}

void view_as_reject(const RejectedEntry &entry, portier_directory_reject &reject) {
   reject = portier_directory_reject{};
   reject.struct_size = static_cast<std::uint32_t>(sizeof reject);
   reject.line = static_cast<std::uint32_t>(std::min<std::uint64_t>(entry.number, std::numeric_limits<std::uint32_t>::max()));
   reject.offset = entry.page;
   reject.source_key = entry.dn.c_str();
   reject.reason = entry.reason.c_str();
}

}  // namespace portier::ldap
