// SPDX-License-Identifier: GPL-3.0-or-later
// Everything the engine reads from the configuration file, validated and cross-checked.
#pragma once

#include <string_view>
#include <vector>

#include "engine/model/account.h"
#include "engine/model/announcement.h"
#include "engine/model/ddi_entry.h"
#include "engine/model/number_range.h"
#include "engine/model/site.h"
#include "engine/model/tenant.h"
#include "engine/model/variant.h"

namespace portier::engine {

struct EngineData {
   std::vector<Tenant> tenants;  // always holds DEFAULT
   std::vector<DdiEntry> ddi;
   std::vector<Variant> variants;
   std::vector<Announcement> announcements;
   std::vector<CpsNumberRanges> number_ranges;
   std::vector<Site> sites;        // empty, or exactly one master
   std::vector<Account> accounts;  // with the ones portierd creates for each tenant
};

// Lookups by name or id, nullptr when absent; linear, as these lists are small and read rarely.
template <typename T, typename Key>
const T *find_by(const std::vector<T> &items, Key T::*key, std::string_view value) {
   for (const T &item : items) {
      if (item.*key == value) return &item;
   }
   return nullptr;
}

inline const Tenant *find_tenant(const EngineData &data, std::string_view name) {
   return find_by(data.tenants, &Tenant::name, name);
}
inline const Variant *find_variant(const EngineData &data, std::string_view id) {
   return find_by(data.variants, &Variant::id, id);
}
inline const Announcement *find_announcement(const EngineData &data, std::string_view id) {
   return find_by(data.announcements, &Announcement::id, id);
}
inline const DdiEntry *find_ddi(const EngineData &data, std::string_view pilot_number) {
   return find_by(data.ddi, &DdiEntry::pilot_number, pilot_number);
}
inline const Site *find_site(const EngineData &data, std::string_view name) {
   return find_by(data.sites, &Site::name, name);
}
inline const Account *find_account(const EngineData &data, std::string_view tenant, std::string_view user) {
   for (const Account &account : data.accounts) {
      if (account.tenant == tenant && account.user == user) return &account;
   }
   return nullptr;
}

}  // namespace portier::engine
