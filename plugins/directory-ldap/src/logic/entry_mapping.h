// SPDX-License-Identifier: GPL-3.0-or-later
// One import's entries turned into contacts, in search order: each entry becomes a contact or a
// rejected entry with its number, result page, DN and reason. Knows nothing of libldap: the
// session hands entries over as plain values.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "attribute_map.h"
#include "ldap_contact.h"

namespace portier::ldap {

// Rejects listed one by one; beyond this only counted (the list is for people to read).
inline constexpr std::size_t kMaxListedRejects = 100'000;

// An entry as the server returned it; attribute names as the server spelled them.
struct Entry {
   std::string dn;
   std::vector<std::pair<std::string, std::vector<std::string>>> attributes;

   // The values of `name` (compared ignoring ASCII case, as LDAP does), or nullptr.
   const std::vector<std::string> *values(const std::string &name) const noexcept;
};

struct RejectedEntry {
   std::uint64_t number = 0;  // the entry's place in the search result, from 1
   std::uint64_t page = 0;    // the result page it came in, from 1
   std::string dn;            // the entry's DN: its key in the directory
   std::string reason;
};

struct ImportReport {
   std::uint64_t read = 0;
   std::uint64_t accepted = 0;
   std::uint64_t rejected = 0;
   std::vector<RejectedEntry> listed;  // in search order, at most kMaxListedRejects
   std::uint64_t not_listed = 0;
};

// "5012 read, 5000 accepted, 12 rejected"
std::string summary(const ImportReport &report);

// "entry 17 (page 1, uid=x,ou=people,dc=example,dc=com): no name (...)"
std::string describe(const RejectedEntry &entry);

class EntryImport {
public:
   explicit EntryImport(AttributeMap map) : map_(std::move(map)) {}

   // Maps the next entry of the search, which came in result page `page`.
   void add(const Entry &entry, std::uint64_t page);

   std::vector<Contact> &contacts() noexcept { return contacts_; }
   ImportReport &report() noexcept { return report_; }

private:
   void reject(const Entry &entry, std::uint64_t page, std::string reason);

   AttributeMap map_;
   std::vector<Contact> contacts_;
   ImportReport report_;
   std::unordered_map<std::string, std::uint64_t> numbers_;  // source id -> entry number of its first entry
};

}  // namespace portier::ldap
