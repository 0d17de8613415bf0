// SPDX-License-Identifier: GPL-3.0-or-later
// A phone-book contact as a source delivers it and as search shows it. Plain data; every text
// field has a byte limit so a broken source cannot grow the index without bound.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "directory/directory_error.h"

namespace portier::directory {

enum class NumberType { office, mobile, home, fax, private_line };

struct ContactNumber {
   NumberType type = NumberType::office;
   std::string e164;   // "+498970071234"; filled from `given` by the number plan on import
   std::string given;  // as the source wrote it: "089 7007-1234"
};

struct ContactName {
   std::string given;
   std::string family;
   std::string display;  // "Müller, Hans"; made from the parts when a source has none
};

struct Contact {
   ContactName name;
   std::string company;
   std::string department;
   std::string location;
   std::string building;
   std::string cost_centre;
   std::string notes;
   std::vector<ContactNumber> numbers;
   std::vector<std::string> emails;
   std::string extension;  // the key to busy lamps and UC presence
   std::string source;     // "ldap-hq", "csv-branch"
   std::string source_id;  // the source's own key: a DN, a CSV id column
   // Whose phone book: a tenant name, or "*" for every tenant. apply_source sets it from its
   // options; rows of different tenants never merge, and a tenant's search never shows another's.
   std::string tenant;
};

inline constexpr std::size_t kMaxNameBytes = 128;
inline constexpr std::size_t kMaxFieldBytes = 256;   // company, department, location, building, cost centre
inline constexpr std::size_t kMaxNotesBytes = 2048;
inline constexpr std::size_t kMaxNumbers = 16;
inline constexpr std::size_t kMaxEmails = 8;
inline constexpr std::size_t kMaxEmailBytes = 254;   // RFC 5321's path limit
inline constexpr std::size_t kMaxExtensionBytes = 16;
inline constexpr std::size_t kMaxSourceBytes = 64;
inline constexpr std::size_t kMaxSourceIdBytes = 512;  // LDAP DNs are long
inline constexpr std::string_view kEveryTenant = "*";

// The first limit the contact breaks, named for people ("company: 300 bytes, at most 256"), or
// nullopt. A contact without any name, company or number is rejected too: search could not find it.
std::optional<DirectoryError> check_contact(const Contact &contact);

// "office", "mobile", "home", "fax", "private".
std::string_view name_of(NumberType type);
std::optional<NumberType> number_type_named(std::string_view name);

// The display name when the source gave none: "Family, Given", or the one part there is, or the
// company.
std::string display_name_of(const Contact &contact);
// The same from the parts, for a reader that holds no Contact (result_body.cpp).
std::string display_name_of(const ContactName &name, std::string_view company);

}  // namespace portier::directory
