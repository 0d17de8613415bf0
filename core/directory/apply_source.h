// SPDX-License-Identifier: GPL-3.0-or-later
// Replace-by-source: one source's run adds, updates and deletes its rows by source id in one
// transaction. It never touches another source's rows, and a failed run changes nothing.
#pragma once

#include <cstddef>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "directory/contact.h"
#include "directory/directory_db.h"
#include "directory/merge.h"
#include "numbers/number_plan.h"

namespace portier::directory {

struct ApplyOptions {
   MergePolicy policy;                         // the same in every run: it decides shown contacts
   const numbers::NumberPlan *plan = nullptr;  // reads numbers without E.164; null: only "+" forms
   // Without a plan, a number not in "+" form is kept as the source gave it (shown, not found by
   // number search) instead of rejecting its row.
   bool keep_raw_numbers = false;
   // More rejected rows than this fail the run (a source that suddenly delivers garbage must not
   // empty the phone book).
   std::size_t max_rejected = std::numeric_limits<std::size_t>::max();
   // Contacts to write above which the run reassigns every rowid in one pass instead of placing
   // each in its gap (docs/directory.md has the measured costs of both).
   std::size_t renumber_above = 20000;
   // Whose phone book the source fills: a tenant name, or "*" (kEveryTenant) for every tenant.
   // Every row of the run gets it; rows of different tenants are never merged.
   std::string tenant = std::string(kEveryTenant);
};

struct RejectedRow {
   std::size_t position = 0;  // 1 for the first row given
   std::string source_id;
   std::string reason;
};

struct ApplyReport {
   std::size_t added = 0;
   std::size_t updated = 0;
   std::size_t deleted = 0;
   std::size_t unchanged = 0;
   std::vector<RejectedRow> rejected;  // kept as they were before the run (not deleted)
   std::size_t contacts_written = 0;   // shown contacts written, merges included
   bool renumbered = false;            // all rowids reassigned and the indexes rebuilt
};

// `rows` are the whole of `source` now: rows missing are deleted. A row's `source` may be empty
// or must equal `source`. Numbers without E.164 are read with options.plan.
DirectoryResult<ApplyReport> apply_source(DirectoryDb &db, std::string_view source, std::span<const Contact> rows,
                                          const ApplyOptions &options);

}  // namespace portier::directory
