// SPDX-License-Identifier: GPL-3.0-or-later
// Which LDAP attributes feed which contact field (the manual's Contact Data Provider field
// mapping), with defaults for inetOrgPerson, and its reading from the `attributes` setting.
#pragma once

#include <array>
#include <string>
#include <vector>

#include <portier/settings.hpp>

#include "ldap_contact.h"

namespace portier::ldap {

// The pseudo attribute that stands for the entry's distinguished name.
inline constexpr const char *kDnAttribute = "dn";

struct AttributeMap {
   // Per field, attributes tried in order: the first with a non-empty value wins. Empty: not mapped.
   std::array<std::vector<std::string>, kFieldCount> fields;
   std::vector<std::string> emails;                           // every value of every one, in order
   std::array<std::vector<std::string>, kPhoneKinds.size()> phones;  // per kPhoneKinds entry, every value

   // The attributes a search asks for, each once, without "dn" (which every entry carries).
   std::vector<std::string> requested() const;
};

// The defaults: source_id entryUUID, else the DN; display_name displayName, else cn; given
// givenName; family sn; company o; department departmentNumber, else ou; location l; building
// physicalDeliveryOfficeName, else roomNumber; notes description; sip_uri none; cost_centre none;
// extension none; email mail; office telephoneNumber; mobile mobile; home homePhone; fax
// facsimileTelephoneNumber; private none.
AttributeMap default_attribute_map();

// Reads `attributes` (an object: field -> an attribute name or a list of them; "" or [] unmaps a
// default) over the defaults. Problems go to `s` as "settings.attributes.<field>: ...".
AttributeMap read_attribute_map(Settings &s, const json::Value *attributes);

}  // namespace portier::ldap
