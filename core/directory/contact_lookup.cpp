// SPDX-License-Identifier: GPL-3.0-or-later
#include "directory/contact_lookup.h"

#include "directory/contact_json.h"
#include "directory/statement.h"

namespace portier::directory {

DirectoryResult<std::vector<std::string>> sources_of(DirectoryDb &db, std::int64_t id) {
   Statement &select =
       db.statements().get("SELECT DISTINCT source FROM source_rows WHERE contact_id = ?1 ORDER BY source");
   select.bind(1, id);
   std::vector<std::string> sources;
   while (select.step()) sources.push_back(select.column_text(0));
   std::string error = select.error();
   select.reset();
   if (!error.empty()) return DirectoryError{"sources of contact " + std::to_string(id) + ": " + error};
   return sources;
}

DirectoryResult<std::optional<ContactRecord>> find_contact(DirectoryDb &db, std::string_view tenant,
                                                           std::int64_t id) {
   // A contact of one source row has no body of its own: its row's is read (directory_db.cpp).
   Statement &select = db.statements().get(
       "SELECT tenant, coalesce(body, (SELECT body FROM source_rows WHERE contact_id = contacts.id)) "
       "FROM contacts WHERE id = ?1");
   select.bind(1, id);
   if (!select.step()) {
      std::string error = select.error();
      select.reset();
      if (!error.empty()) return DirectoryError{"contact " + std::to_string(id) + ": " + error};
      return std::optional<ContactRecord>();
   }
   const std::string owner = select.column_text(0);
   auto contact = contact_from_json(select.column_view(1));
   select.reset();
   if (!contact) return DirectoryError{"contact " + std::to_string(id) + ": " + contact.error().what};
   if (!tenant.empty() && owner != tenant && owner != kEveryTenant) return std::optional<ContactRecord>();
   auto sources = sources_of(db, id);
   if (!sources) return sources.error();
   ContactRecord record{id, std::move(contact.value()), std::move(sources.value())};
   record.contact.tenant = owner;
   if (record.contact.name.display.empty()) record.contact.name.display = display_name_of(record.contact);
   return std::optional<ContactRecord>(std::move(record));
}

}  // namespace portier::directory
