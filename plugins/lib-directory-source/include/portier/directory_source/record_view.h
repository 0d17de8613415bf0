// SPDX-License-Identifier: GPL-3.0-or-later
// A contact seen as the SDK's portier_directory_record, and a reject as portier_directory_reject,
// for one sink call each. The plugin fills a RecordView from its own contact type; these
// functions point the C structs into it.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <portier/kind/directory.h>

namespace portier::directory_source {

// The record's single-valued strings, in the order of RecordView::text.
enum class RecordField : std::uint8_t {
   source_key,
   display_name,
   first_name,
   last_name,
   company,
   department,
   location,
   sip_uri,
   building,
   cost_centre,
   notes,
   extension
};
inline constexpr std::size_t kRecordFieldCount = 12;

// Borrowed C strings of one contact, reused between sink calls so that read() allocates once.
// Every pointer points into the plugin's contact, which must outlive the sink call.
struct RecordView {
   std::array<const char *, kRecordFieldCount> text{};  // by RecordField; "" when absent, never NULL
   std::vector<portier_directory_phone> phones;
   std::vector<const char *> emails;  // every address; the first is also the record's `email`
};

// Points `record` into `view` (all fields, the appended ones too); valid while `view` and the
// contact behind it live unchanged. A NULL text becomes "". [any]
void fill_record(const RecordView &view, portier_directory_record &record);

// Points `reject` at `source_key` and `reason`, valid while both live unchanged. `line` (the CSV
// line or the LDAP entry number) is clamped to 2^32-1; `offset` is the byte offset or the result
// page. [any]
void fill_reject(std::uint64_t line, std::uint64_t offset, const std::string &source_key, const std::string &reason,
                 portier_directory_reject &reject);

}  // namespace portier::directory_source
