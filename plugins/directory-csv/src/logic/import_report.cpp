// SPDX-License-Identifier: GPL-3.0-or-later
#include "import_report.h"

#include <utility>

namespace portier::csv {

void add_reject(ImportReport &report, RejectedRow row) {
   ++report.rejected;
   if (report.listed.size() < kMaxListedRejects) {
      report.listed.push_back(std::move(row));
   } else {
      ++report.not_listed;
   }
}

std::string summary(const ImportReport &report) {
   return std::to_string(report.read) + " read, " + std::to_string(report.accepted) + " accepted, " +
          std::to_string(report.rejected) + " rejected";
}

std::string describe(const RejectedRow &row) {
   return "line " + std::to_string(row.line) + " (byte " + std::to_string(row.offset) + "): " + row.reason;
}

}  // namespace portier::csv
