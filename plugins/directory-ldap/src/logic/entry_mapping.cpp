// SPDX-License-Identifier: GPL-3.0-or-later
#include "entry_mapping.h"

#include <algorithm>

namespace portier::ldap {
namespace {

bool same_ascii_case_insensitive(const std::string &a, const std::string &b) noexcept {
   return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
             const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
             return lower(x) == lower(y);
          });
}

// The first non-empty value among `names`, tried in order; "dn" is the entry's DN.
std::string first_value(const Entry &entry, const std::vector<std::string> &names) {
   for (const std::string &name : names) {
      if (name == kDnAttribute) {
         if (!entry.dn.empty()) return entry.dn;
         continue;
      }
      if (const auto *values = entry.values(name); values != nullptr) {
         for (const std::string &v : *values) {
            if (!v.empty()) return v;
         }
      }
   }
   return {};
}

// Every non-empty value of every one of `names`, each once, in order.
std::vector<std::string> all_values(const Entry &entry, const std::vector<std::string> &names) {
   std::vector<std::string> out;
   for (const std::string &name : names) {
      const auto *values = name == kDnAttribute ? nullptr : entry.values(name);
      if (values == nullptr) continue;
      for (const std::string &v : *values) {
         if (!v.empty() && std::find(out.begin(), out.end(), v) == out.end()) out.push_back(v);
      }
   }
   return out;
}

std::string joined(const std::vector<std::string> &names) {
   std::string out;
   for (const std::string &n : names) out += (out.empty() ? "" : ", ") + n;
   return out;
}

}  // namespace

const std::vector<std::string> *Entry::values(const std::string &name) const noexcept {
   for (const auto &[attribute, values] : attributes) {
      if (same_ascii_case_insensitive(attribute, name)) return &values;
   }
   return nullptr;
}

std::string summary(const ImportReport &report) {
   return std::to_string(report.read) + " read, " + std::to_string(report.accepted) + " accepted, " +
          std::to_string(report.rejected) + " rejected";
}

std::string describe(const RejectedEntry &entry) {
   return "entry " + std::to_string(entry.number) + " (page " + std::to_string(entry.page) + ", " +
          (entry.dn.empty() ? "no DN" : entry.dn) + "): " + entry.reason;
}

void EntryImport::reject(const Entry &entry, std::uint64_t page, std::string reason) {
   ++report_.rejected;
   if (report_.listed.size() < kMaxListedRejects) {
      report_.listed.push_back(RejectedEntry{report_.read, page, entry.dn, std::move(reason)});
   } else {
      ++report_.not_listed;
   }
}

void EntryImport::add(const Entry &entry, std::uint64_t page) {
   ++report_.read;
   Contact c;
   for (std::size_t f = 0; f < kFieldCount; ++f) c.fields[f] = first_value(entry, map_.fields[f]);
   const std::string &id = c.get(Field::source_id);
   if (id.empty()) {
      return reject(entry, page, "no source id (" + joined(map_.fields[index_of(Field::source_id)]) + " empty or absent)");
   }
   if (c.get(Field::display_name).empty()) {
      // the phone book shows a name for every contact: "given family" when no display name
      std::string name = c.get(Field::given);
      if (!name.empty() && !c.get(Field::family).empty()) name += ' ';
      c.at(Field::display_name) = name + c.get(Field::family);
   }
   if (c.get(Field::display_name).empty()) {
      std::vector<std::string> names = map_.fields[index_of(Field::display_name)];
      for (Field f : {Field::given, Field::family}) {
         for (const std::string &n : map_.fields[index_of(f)]) names.push_back(n);
      }
      return reject(entry, page, "no name (" + joined(names) + " empty or absent)");
   }
   if (const auto [at, added] = numbers_.try_emplace(id, report_.read); !added) {
      return reject(entry, page, "duplicate source id '" + id.substr(0, 64) + "' (first in entry " +
                                     std::to_string(at->second) + ")");
   }
   c.emails = all_values(entry, map_.emails);
   for (std::size_t p = 0; p < kPhoneKinds.size(); ++p) {
      for (std::string &number : all_values(entry, map_.phones[p])) c.phones.emplace_back(kPhoneKinds[p].type, std::move(number));
   }
   contacts_.push_back(std::move(c));
   ++report_.accepted;
}

}  // namespace portier::ldap
