// SPDX-License-Identifier: GPL-3.0-or-later
#include "directory/merge.h"

#include <algorithm>

namespace portier::directory {

namespace {

std::size_t priority_of(const std::vector<std::string> &order, const std::string &source) {
   const auto it = std::find(order.begin(), order.end(), source);
   return static_cast<std::size_t>(it - order.begin());  // unlisted: order.size()
}

const std::vector<std::string> &order_for(Field field, const MergePolicy &policy) {
   for (const auto &[which, order] : policy.field_priority)
      if (which == field) return order;
   return policy.source_priority;
}

// Rows in the order they win `field`: listed sources first, then by source name and id, so the
// result never depends on the order rows were read.
std::vector<const Contact *> ranked(std::span<const Contact> rows, Field field, const MergePolicy &policy) {
   const std::vector<std::string> &order = order_for(field, policy);
   std::vector<const Contact *> out;
   for (const Contact &row : rows) out.push_back(&row);
   std::stable_sort(out.begin(), out.end(), [&](const Contact *a, const Contact *b) {
      const std::size_t pa = priority_of(order, a->source), pb = priority_of(order, b->source);
      if (pa != pb) return pa < pb;
      if (a->source != b->source) return a->source < b->source;
      return a->source_id < b->source_id;
   });
   return out;
}

template <class Has, class Take>
void take_first(std::span<const Contact> rows, Field field, const MergePolicy &policy, Has has, Take take) {
   for (const Contact *row : ranked(rows, field, policy))
      if (has(*row)) {
         take(*row);
         return;
      }
}

bool has_name(const Contact &c) { return !c.name.given.empty() || !c.name.family.empty() || !c.name.display.empty(); }

std::string lower_ascii(std::string text) {
   for (char &ch : text)
      if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
   return text;
}

}  // namespace

std::vector<std::string> dedup_keys_of(const Contact &row, const MergePolicy &policy) {
   std::vector<std::string> keys;
   for (DedupKey key : policy.keys) {
      if (key == DedupKey::email)
         for (const std::string &email : row.emails) keys.push_back("e:" + lower_ascii(email));
      if (key == DedupKey::extension && !row.extension.empty()) keys.push_back("x:" + row.extension);
   }
   // Keys are per tenant: one tenant's extension 100 is not another's.
   if (!row.tenant.empty())
      for (std::string &key : keys) key = row.tenant + "|" + key;
   return keys;
}

Contact merge(std::span<const Contact> rows, const MergePolicy &policy) {
   Contact out;
   if (rows.empty()) return out;
   const auto field = [&](Field which, std::string Contact::*member) {
      take_first(
          rows, which, policy, [&](const Contact &c) { return !(c.*member).empty(); },
          [&](const Contact &c) { out.*member = c.*member; });
   };
   take_first(rows, Field::name, policy, has_name, [&](const Contact &c) { out.name = c.name; });
   const Contact &primary = *ranked(rows, Field::name, policy).front();
   out.source = primary.source;
   out.source_id = primary.source_id;
   out.tenant = primary.tenant;
   field(Field::company, &Contact::company);
   field(Field::department, &Contact::department);
   field(Field::location, &Contact::location);
   field(Field::building, &Contact::building);
   field(Field::cost_centre, &Contact::cost_centre);
   field(Field::notes, &Contact::notes);
   field(Field::extension, &Contact::extension);
   take_first(
       rows, Field::numbers, policy, [](const Contact &c) { return !c.numbers.empty(); },
       [&](const Contact &c) { out.numbers = c.numbers; });
   take_first(
       rows, Field::emails, policy, [](const Contact &c) { return !c.emails.empty(); },
       [&](const Contact &c) { out.emails = c.emails; });
   return out;
}

}  // namespace portier::directory
