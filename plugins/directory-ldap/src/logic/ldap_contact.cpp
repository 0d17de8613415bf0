// SPDX-License-Identifier: GPL-3.0-or-later
#include "ldap_contact.h"

namespace portier::ldap {

const std::array<const char *, kFieldCount> &field_names() {
   static const std::array<const char *, kFieldCount> names = {
       "source_id", "display_name", "given", "family", "company", "department",
       "location", "building", "cost_centre", "notes", "sip_uri", "extension"};
   return names;
}

}  // namespace portier::ldap
