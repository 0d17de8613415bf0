// SPDX-License-Identifier: GPL-3.0-or-later
#include "record_view.h"

#include <array>

namespace portier::ldap {
namespace {

using directory_source::kRecordFieldCount;

// The contact field behind each record field, in directory_source::RecordField order.
constexpr std::array<Field, kRecordFieldCount> kRecordOrder = {
    Field::source_id, Field::display_name, Field::given,    Field::family,      Field::company, Field::department,
    Field::location,  Field::sip_uri,      Field::building, Field::cost_centre, Field::notes,   Field::extension};

}  // namespace

void view_as_record(const Contact &contact, directory_source::RecordView &view) {
   for (std::size_t i = 0; i < kRecordFieldCount; ++i) view.text[i] = contact.get(kRecordOrder[i]).c_str();
   view.phones.clear();
   for (const auto &[type, number] : contact.phones) view.phones.push_back(portier_directory_phone{type, 0, number.c_str()});
   view.emails.clear();
   for (const std::string &e : contact.emails) view.emails.push_back(e.c_str());
}

void view_as_reject(const RejectedEntry &entry, portier_directory_reject &reject) {
   directory_source::fill_reject(entry.number, entry.page, entry.dn, entry.reason, reject);
}

}  // namespace portier::ldap
