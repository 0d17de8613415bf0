// SPDX-License-Identifier: GPL-3.0-or-later
// One contact read from an LDAP entry, and the fields an attribute can be mapped to.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace portier::ldap {

// Single-valued contact fields, in the order of kFieldNames.
enum class Field : std::uint8_t {
   source_id,
   display_name,
   given,
   family,
   company,
   department,
   location,
   building,
   cost_centre,
   notes,
   sip_uri,
   extension
};
inline constexpr std::size_t kFieldCount = 12;

// The settings key of each field under `attributes` ("cost_centre"), in Field order.
const std::array<const char *, kFieldCount> &field_names();

inline std::size_t index_of(Field f) noexcept { return static_cast<std::size_t>(f); }

// The phone keys under `attributes` and their PORTIER_PHONE_* types (kind/directory.h).
struct PhoneKind {
   const char *name;
   std::int32_t type;
};
inline constexpr std::array<PhoneKind, 5> kPhoneKinds = {
    {{"office", 1}, {"mobile", 2}, {"home", 3}, {"fax", 4}, {"private", 6}}};

struct Contact {
   std::array<std::string, kFieldCount> fields;  // "" when absent
   std::vector<std::pair<std::int32_t, std::string>> phones;  // type, number as the directory has it
   std::vector<std::string> emails;                           // every address, in entry order

   const std::string &get(Field f) const noexcept { return fields[index_of(f)]; }
   std::string &at(Field f) noexcept { return fields[index_of(f)]; }
};

}  // namespace portier::ldap
