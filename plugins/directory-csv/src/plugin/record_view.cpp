// SPDX-License-Identifier: GPL-3.0-or-later
#include "record_view.h"

#include <array>

namespace portier::csv {
namespace {

using directory_source::kRecordFieldCount;

// The contact field behind each record field, in directory_source::RecordField order.
constexpr std::array<Field, kRecordFieldCount> kRecordOrder = {
    Field::source_id, Field::display,  Field::given,    Field::family,      Field::company, Field::department,
    Field::location,  Field::sip_uri,  Field::building, Field::cost_centre, Field::notes,   Field::extension};

}  // namespace

void view_as_record(const Contact &contact, directory_source::RecordView &view) {
   for (std::size_t i = 0; i < kRecordFieldCount; ++i) view.text[i] = contact.get(kRecordOrder[i]);
   view.phones.clear();
   for (std::size_t i = 0; i < contact.phone_count(); ++i) {
      view.phones.push_back(portier_directory_phone{contact.phone_type(i), 0, contact.phone_number(i)});
   }
   view.emails.clear();
   for (std::size_t i = 0; i < contact.email_count(); ++i) view.emails.push_back(contact.email(i));
}

void view_as_reject(const RejectedRow &row, portier_directory_reject &reject) {
   directory_source::fill_reject(row.line, row.offset, row.source_key, row.reason, reject);
}

}  // namespace portier::csv
