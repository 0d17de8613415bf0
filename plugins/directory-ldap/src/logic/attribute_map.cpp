// SPDX-License-Identifier: GPL-3.0-or-later
#include "attribute_map.h"

#include <algorithm>

#include <portier/did_you_mean.hpp>

namespace portier::ldap {
namespace {

constexpr std::size_t kMaxAttributeName = 64;
constexpr std::size_t kMaxAttributesPerField = 8;

// An attribute description as RFC 4512 allows it: a name (letter, then letters, digits, '-') or
// a numeric OID, with ';' options; or the pseudo attribute "dn".
bool is_attribute_name(const std::string &name) {
   if (name.empty() || name.size() > kMaxAttributeName) return false;
   for (const char c : name) {
      const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                      c == ';' || c == '.';
      if (!ok) return false;
   }
   return true;
}

std::vector<std::string> read_names(Settings &s, const std::string &key, const json::Value &v) {
   std::vector<std::string> out;
   const auto one = [&](const std::string &k, const json::Value &item) {
      if (item.kind != json::Kind::string) {
         s.problem(k, "expected an attribute name, got " + std::string(json::describe(item.kind)));
      } else if (!item.text.empty() && !is_attribute_name(item.text)) {
         s.problem(k, "'" + item.text.substr(0, 80) + "' is not an attribute name (letters, digits, '-', ';', '.'; " +
                          "at most " + std::to_string(kMaxAttributeName) + ")");
      } else if (!item.text.empty()) {
         out.push_back(item.text);
      }
   };
   if (v.kind == json::Kind::array) {
      if (v.items.size() > kMaxAttributesPerField) {
         s.problem(key, "at most " + std::to_string(kMaxAttributesPerField) + " attributes");
         return out;
      }
      for (std::size_t i = 0; i < v.items.size(); ++i) one(key + "[" + std::to_string(i) + "]", v.items[i]);
   } else {
      one(key, v);
   }
   return out;
}

}  // namespace

std::vector<std::string> AttributeMap::requested() const {
   std::vector<std::string> out;
   const auto add = [&](const std::vector<std::string> &names) {
      for (const std::string &n : names) {
         if (n != kDnAttribute && std::find(out.begin(), out.end(), n) == out.end()) out.push_back(n);
      }
   };
   for (const auto &names : fields) add(names);
   add(emails);
   for (const auto &names : phones) add(names);
   return out;
}

AttributeMap default_attribute_map() {
   AttributeMap m;
   m.fields[index_of(Field::source_id)] = {"entryUUID", kDnAttribute};
   m.fields[index_of(Field::display_name)] = {"displayName", "cn"};
   m.fields[index_of(Field::given)] = {"givenName"};
   m.fields[index_of(Field::family)] = {"sn"};
   m.fields[index_of(Field::company)] = {"o"};
   m.fields[index_of(Field::department)] = {"departmentNumber", "ou"};
   m.fields[index_of(Field::location)] = {"l"};
   m.fields[index_of(Field::building)] = {"physicalDeliveryOfficeName", "roomNumber"};
   m.fields[index_of(Field::notes)] = {"description"};
   m.emails = {"mail"};
   m.phones = {std::vector<std::string>{"telephoneNumber"}, {"mobile"}, {"homePhone"}, {"facsimileTelephoneNumber"}, {}};
   return m;
}

AttributeMap read_attribute_map(Settings &s, const json::Value *attributes) {
   AttributeMap m = default_attribute_map();
   if (attributes == nullptr) return m;
   if (attributes->kind != json::Kind::object) {
      s.problem("attributes", "expected a mapping of fields to attributes, got " +
                                  std::string(json::describe(attributes->kind)));
      return m;
   }
   std::vector<std::string> known(field_names().begin(), field_names().end());
   known.emplace_back("email");
   for (const PhoneKind &p : kPhoneKinds) known.emplace_back(p.name);
   for (std::size_t i = 0; i < attributes->keys.size(); ++i) {
      const std::string &key = attributes->keys[i];
      const std::string path = "attributes." + key;
      const json::Value &value = attributes->items[i];
      bool done = false;
      for (std::size_t f = 0; f < kFieldCount && !done; ++f) {
         if (key == field_names()[f]) {
            m.fields[f] = read_names(s, path, value);
            done = true;
         }
      }
      for (std::size_t p = 0; p < kPhoneKinds.size() && !done; ++p) {
         if (key == kPhoneKinds[p].name) {
            m.phones[p] = read_names(s, path, value);
            done = true;
         }
      }
      if (!done && key == "email") {
         m.emails = read_names(s, path, value);
         done = true;
      }
      if (!done) s.problem("attributes", unknown_key_text(key, known));
   }
   if (m.fields[index_of(Field::source_id)].empty()) {
      s.problem("attributes.source_id", "must name at least one attribute (or dn): it identifies a contact between runs");
   }
   return m;
}

}  // namespace portier::ldap
