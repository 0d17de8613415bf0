// SPDX-License-Identifier: GPL-3.0-or-later
#include "directory/contact_keys.h"

#include "directory/contact_json.h"
#include "directory/statement.h"

namespace portier::directory {

DirectoryResult<std::vector<ContactKeys>> contact_keys(DirectoryDb &db) {
   // A contact of one source row has no body of its own: its row's is read (as contact_lookup does).
   Statement &select = db.statements().get(
       "SELECT id, tenant, coalesce(body, (SELECT body FROM source_rows WHERE contact_id = contacts.id)) "
       "FROM contacts ORDER BY id");
   std::vector<ContactKeys> out;
   while (select.step()) {
      const std::int64_t id = select.column_int(0);
      auto contact = contact_from_json(select.column_view(2));
      if (!contact) {
         select.reset();
         return DirectoryError{"contact " + std::to_string(id) + ": " + contact.error().what};
      }
      if (contact->extension.empty() && contact->emails.empty()) continue;
      out.push_back(ContactKeys{id, select.column_text(1), std::move(contact->extension), std::move(contact->emails)});
   }
   std::string error = select.error();
   select.reset();
   if (!error.empty()) return DirectoryError{"contact keys: " + error};
   return out;
}

}  // namespace portier::directory
