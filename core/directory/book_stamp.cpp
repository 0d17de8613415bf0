// SPDX-License-Identifier: GPL-3.0-or-later
#include "directory/book_stamp.h"

#include "directory/directory_db.h"
#include "directory/statement.h"

namespace portier::directory {

DirectoryResult<std::int64_t> read_book_stamp(DirectoryDb &db) {
   Statement &select = db.statements().get("SELECT stamp FROM book_stamp");
   const bool found = select.step();
   const std::int64_t stamp = found ? select.column_int(0) : 0;
   std::string error = select.error();
   select.reset();
   if (!error.empty()) return DirectoryError{"book stamp: " + error};
   if (!found) return DirectoryError{"book stamp: the table book_stamp has no row"};
   return stamp;
}

std::string raise_book_stamp(DirectoryDb &db) {
   Statement &update = db.statements().get("UPDATE book_stamp SET stamp = stamp + 1");
   update.step();
   std::string error = update.error();
   update.reset();
   return error.empty() ? std::string{} : "book stamp: " + error;
}

}  // namespace portier::directory
