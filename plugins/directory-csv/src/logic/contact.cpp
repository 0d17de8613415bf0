// SPDX-License-Identifier: GPL-3.0-or-later
#include "contact.h"

namespace portier::csv {

const std::array<const char *, kFieldCount> &field_names() {
   static const std::array<const char *, kFieldCount> names = {
       "source_id", "given", "family", "display", "company", "department",
       "location", "building", "cost_centre", "notes", "sip_uri", "extension"};
   return names;
}

// Values are bounded by the reader (64 KiB a field, 256 fields), so offsets fit 32 bits.
std::uint32_t Contact::append(std::string_view value) {
   const auto at = static_cast<std::uint32_t>(text_.size());
   text_.append(value);
   text_.push_back('\0');
   return at;
}

void Contact::set(Field f, std::string_view value) {
   at_[index_of(f)] = value.empty() ? 0 : append(value);
}

void Contact::add_phone(std::int32_t type, std::string_view number) {
   if (!number.empty()) phones_.push_back(Phone{type, append(number)});
}

void Contact::add_email(std::string_view address) {
   if (!address.empty()) emails_.push_back(append(address));
}

}  // namespace portier::csv
