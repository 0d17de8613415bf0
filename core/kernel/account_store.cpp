// SPDX-License-Identifier: GPL-3.0-or-later
#include "kernel/account_store.h"

#include <algorithm>
#include <memory>

#include <sqlite3.h>

#include "kernel/sql_statement.h"

namespace portier::kernel {

namespace {

// Binds texts and integers in order, runs the statement once and resets it for the next row.
class Row {
  public:
   Row(sqlite3 *db, sqlite3_stmt *statement) : db_(db), statement_(statement) {}
   Row &text(std::string_view value) {
      ok_ = ok_ && bind_text(statement_, ++index_, value);
      return *this;
   }
   Row &integer(std::int64_t value) {
      ok_ = ok_ && sqlite3_bind_int64(statement_, ++index_, value) == SQLITE_OK;
      return *this;
   }
   bool run(std::string &error) {
      ok_ = ok_ && sqlite3_step(statement_) == SQLITE_DONE;
      if (!ok_) error = sqlite3_errmsg(db_);
      sqlite3_reset(statement_);
      sqlite3_clear_bindings(statement_);
      return ok_;
   }

  private:
   sqlite3 *db_;
   sqlite3_stmt *statement_;
   int index_ = 0;
   bool ok_ = true;
};

bool write_rows(sqlite3 *db, const engine::EngineData &data, std::string &error) {
   if (!exec(db, "DELETE FROM site; DELETE FROM account;", error)) return false;
   Statement site = prepare(db,
                            "INSERT INTO site (name, master, country_code, area_code, trunk_code, "
                            "max_extension_length, access_public, access_national, access_international, "
                            "access_local) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            error);
   if (!site) return false;
   for (const engine::Site &s : data.sites) {
      if (!Row(db, site.get())
               .text(s.name)
               .integer(s.master ? 1 : 0)
               .text(s.country_code)
               .text(s.area_code)
               .text(s.trunk_code)
               .integer(s.max_extension_length)
               .text(s.access_codes.public_code)
               .text(s.access_codes.national)
               .text(s.access_codes.international)
               .text(s.access_codes.local)
               .run(error))
         return false;
   }
   Statement account = prepare(db,
                               "INSERT INTO account (tenant, user, role, password_kind, password, enabled, created) "
                               "VALUES (?, ?, ?, ?, ?, ?, ?)",
                               error);
   if (!account) return false;
   for (const engine::Account &a : data.accounts) {
      if (!Row(db, account.get())
               .text(a.tenant)
               .text(a.user)
               .text(engine::account_role_name(a.role))
               .text(engine::kPasswordKindNames[static_cast<std::size_t>(a.password.kind)])
               .text(a.password.value)
               .integer(a.enabled ? 1 : 0)
               .integer(a.created ? 1 : 0)
               .run(error))
         return false;
   }
   return true;
}

template <std::size_t N>
std::size_t index_of(const std::array<std::string_view, N> &names, std::string_view name) {
   const auto it = std::find(names.begin(), names.end(), name);
   return it == names.end() ? 0 : static_cast<std::size_t>(it - names.begin());
}

}  // namespace

bool store_sites_and_accounts(Store &store, const engine::EngineData &data, std::string &error) {
   sqlite3 *db = store.handle();
   if (!exec(db, "BEGIN IMMEDIATE", error)) return false;
   if (write_rows(db, data, error) && exec(db, "COMMIT", error)) return true;
   std::string ignored;
   exec(db, "ROLLBACK", ignored);
   return false;
}

std::vector<engine::Site> stored_sites(const Store &store, std::string &error) {
   std::vector<engine::Site> sites;
   Statement statement = prepare(store.handle(),
                                 "SELECT name, master, country_code, area_code, trunk_code, max_extension_length, "
                                 "access_public, access_national, access_international, access_local "
                                 "FROM site ORDER BY name",
                                 error);
   if (!statement) return sites;
   while (sqlite3_step(statement.get()) == SQLITE_ROW) {
      engine::Site site;
      site.name = column_text(statement.get(), 0);
      site.master = sqlite3_column_int(statement.get(), 1) != 0;
      site.country_code = column_text(statement.get(), 2);
      site.area_code = column_text(statement.get(), 3);
      site.trunk_code = column_text(statement.get(), 4);
      site.max_extension_length = static_cast<std::uint32_t>(sqlite3_column_int64(statement.get(), 5));
      site.access_codes.public_code = column_text(statement.get(), 6);
      site.access_codes.national = column_text(statement.get(), 7);
      site.access_codes.international = column_text(statement.get(), 8);
      site.access_codes.local = column_text(statement.get(), 9);
      sites.push_back(std::move(site));
   }
   return sites;
}

std::vector<engine::Account> stored_accounts(const Store &store, std::string &error) {
   std::vector<engine::Account> accounts;
   Statement statement = prepare(store.handle(),
                                 "SELECT tenant, user, role, password_kind, password, enabled, created "
                                 "FROM account ORDER BY tenant, user",
                                 error);
   if (!statement) return accounts;
   while (sqlite3_step(statement.get()) == SQLITE_ROW) {
      engine::Account account;
      account.tenant = column_text(statement.get(), 0);
      account.user = column_text(statement.get(), 1);
      account.role = static_cast<engine::AccountRole>(index_of(engine::kAccountRoleNames, column_text(statement.get(), 2)));
      account.password.kind =
          static_cast<engine::PasswordKind>(index_of(engine::kPasswordKindNames, column_text(statement.get(), 3)));
      account.password.value = column_text(statement.get(), 4);
      account.enabled = sqlite3_column_int(statement.get(), 5) != 0;
      account.created = sqlite3_column_int(statement.get(), 6) != 0;
      accounts.push_back(std::move(account));
   }
   return accounts;
}

}  // namespace portier::kernel
