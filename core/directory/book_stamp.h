// SPDX-License-Identifier: GPL-3.0-or-later
// The book's stamp: a number in the file (table book_stamp, schema version 7) that every
// transaction changing contacts raises before it commits (apply_source: a run that wrote rows).
// A copy of the book kept in memory (name_sets.h) is named by the stamp it was read at, and any
// connection, in any process, can tell whether the copy still shows the book it reads.
#pragma once

#include <cstdint>

#include "directory/directory_error.h"

namespace portier::directory {

class DirectoryDb;

// The stamp as the connection sees it now (inside its read transaction, if one is open).
// Thread: the connection's. Errors: SQLite's.
DirectoryResult<std::int64_t> read_book_stamp(DirectoryDb &db);

// Raises the stamp; called inside the transaction that changes contacts, so the change and the
// new stamp commit together. Returns "" or SQLite's error.
std::string raise_book_stamp(DirectoryDb &db);

}  // namespace portier::directory
