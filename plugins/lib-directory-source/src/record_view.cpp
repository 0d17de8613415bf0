// SPDX-License-Identifier: GPL-3.0-or-later
#include "portier/directory_source/record_view.h"

#include <algorithm>
#include <limits>

namespace portier::directory_source {
namespace {

const char *text_of(const RecordView &view, RecordField f) {
   const char *text = view.text[static_cast<std::size_t>(f)];
   return text != nullptr ? text : "";
}

}  // namespace

void fill_record(const RecordView &view, portier_directory_record &record) {
   record = portier_directory_record{};
   record.struct_size = static_cast<std::uint32_t>(sizeof record);
   record.source_key = text_of(view, RecordField::source_key);
   record.display_name = text_of(view, RecordField::display_name);
   record.first_name = text_of(view, RecordField::first_name);
   record.last_name = text_of(view, RecordField::last_name);
   record.company = text_of(view, RecordField::company);
   record.department = text_of(view, RecordField::department);
   record.location = text_of(view, RecordField::location);
   record.email = view.emails.empty() ? "" : view.emails.front();
   record.sip_uri = text_of(view, RecordField::sip_uri);
   record.phone_count = static_cast<std::uint32_t>(view.phones.size());
   record.phones = view.phones.empty() ? nullptr : view.phones.data();
   record.building = text_of(view, RecordField::building);
   record.cost_centre = text_of(view, RecordField::cost_centre);
   record.notes = text_of(view, RecordField::notes);
   record.extension = text_of(view, RecordField::extension);
   record.email_count = static_cast<std::uint32_t>(view.emails.size());
   record.emails = view.emails.empty() ? nullptr : view.emails.data();
}

void fill_reject(std::uint64_t line, std::uint64_t offset, const std::string &source_key, const std::string &reason,
                 portier_directory_reject &reject) {
   reject = portier_directory_reject{};
   reject.struct_size = static_cast<std::uint32_t>(sizeof reject);
   reject.line = static_cast<std::uint32_t>(std::min<std::uint64_t>(line, std::numeric_limits<std::uint32_t>::max()));
   reject.offset = offset;
   reject.source_key = source_key.c_str();
   reject.reason = reason.c_str();
}

}  // namespace portier::directory_source
