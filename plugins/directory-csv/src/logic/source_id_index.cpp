// SPDX-License-Identifier: GPL-3.0-or-later
#include "source_id_index.h"

#include <functional>

namespace portier::csv {
namespace {

std::size_t capacity_for(std::size_t entries) {
   std::size_t n = 16;
   while (n < entries * 2) n *= 2;  // load factor at most 1/2: probes stay short
   return n;
}

}  // namespace

SourceIdIndex::SourceIdIndex(std::size_t expected) : slots_(capacity_for(expected), 0) {}

std::optional<std::uint32_t> SourceIdIndex::find_or_add(std::string_view id, std::uint32_t index,
                                                        const std::vector<Contact> &contacts) {
   if ((used_ + 1) * 2 > slots_.size()) grow(contacts);
   const std::size_t mask = slots_.size() - 1;
   // bounded: the table is never more than half full, so an empty slot is always found
   for (std::size_t at = std::hash<std::string_view>{}(id) & mask;; at = (at + 1) & mask) {
      const std::uint32_t slot = slots_[at];
      if (slot == 0) {
         slots_[at] = index + 1;
         ++used_;
         return std::nullopt;
      }
      if (contacts[slot - 1].view(Field::source_id) == id) return slot - 1;
   }
}

void SourceIdIndex::grow(const std::vector<Contact> &contacts) {
   std::vector<std::uint32_t> old = std::move(slots_);
   slots_.assign(old.size() * 2, 0);
   const std::size_t mask = slots_.size() - 1;
   for (const std::uint32_t slot : old) {
      if (slot == 0) continue;
      std::size_t at = std::hash<std::string_view>{}(contacts[slot - 1].view(Field::source_id)) & mask;
      while (slots_[at] != 0) at = (at + 1) & mask;
      slots_[at] = slot;
   }
}

}  // namespace portier::csv
