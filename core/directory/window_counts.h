// SPDX-License-Identifier: GPL-3.0-or-later
// About how many contacts hold each 4-digit number window: what number_expression() picks a
// fragment's rarest windows by (number_tokens.h).
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>

#include "directory/statement.h"

struct sqlite3;

namespace portier::directory {

// Rows of a window read to estimate how many it has.
inline constexpr std::size_t kWindowSample = 64;

// Owned by its DirectoryDb (DirectoryDb::window_counts); one thread at a time, the connection's.
class WindowCounts {
public:
   WindowCounts(sqlite3 *db, StatementCache &statements) : db_(db), statements_(statements) {}

   // Forgets the counts when the book changed since they were read (a commit on this or another
   // connection). DirectoryDb::window_counts calls it once before handing the counts out.
   void forget_if_changed();

   // About how many rows of number_index hold `window`, from the rank of its kWindowSample-th
   // row against the book's last rank (ranks follow names, so a window's rows are spread evenly
   // over them); exact below the sample. A failed read counts as kCommonWindowRows.
   std::size_t rows(std::string_view window);

private:
   sqlite3 *db_;
   StatementCache &statements_;
   std::map<std::string, std::size_t, std::less<>> rows_;
   std::pair<std::int64_t, std::int64_t> read_at_{-1, -1};  // (data_version, own changes) of rows_
   std::int64_t last_rank_ = -1;                             // the book's highest rank then; -1 until read
};

}  // namespace portier::directory
