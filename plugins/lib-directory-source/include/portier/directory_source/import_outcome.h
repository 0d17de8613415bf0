// SPDX-License-Identifier: GPL-3.0-or-later
// What one import run of a phone-book source ended with, and the shell every run goes through:
// an exception inside the run becomes a failed outcome, never a lost READY.
#pragma once

#include <exception>
#include <new>
#include <string>
#include <vector>

#include <portier/status.h>

namespace portier::directory_source {

// `Import` is the plugin's result: it has `contacts` (a range) and `report` (with `accepted`,
// `rejected` and `listed`, the rejects handed to read_rejects).
template <typename Import>
struct ImportOutcome {
   portier_status status = PORTIER_OK;  // PORTIER_OK, or why the run failed as a whole
   std::string message;                 // the failure, "" on success
   Import result;                       // what read() hands over when status is PORTIER_OK
};

// The words of a successful run, made by the plugin and logged or shown by the driver.
struct ImportWords {
   std::vector<std::string> warnings;  // one log line per logged reject, and one for the rest
   std::string info;                   // after "import <correlation> ": "of /srv/book.csv: 12 read, ..."
   std::string status;                 // after "last import: ": "12 read, 10 accepted, 2 rejected (utf-8)"
};

// Runs `run()` (returning ImportOutcome<Import>) and turns what it throws into a failed outcome
// whose message starts with `where` (the file or the URL): std::bad_alloc into
// PORTIER_ERR_NO_MEMORY, any other std::exception into PORTIER_ERR_INTERNAL. [import thread]
template <typename Import, typename Run>
ImportOutcome<Import> guarded_import(const std::string &where, Run &&run) {
   try {
      return run();
   } catch (const std::bad_alloc &) {
      ImportOutcome<Import> out;
      out.status = PORTIER_ERR_NO_MEMORY;
      out.message = where + ": out of memory while importing";
      return out;
   } catch (const std::exception &e) {
      ImportOutcome<Import> out;
      out.status = PORTIER_ERR_INTERNAL;
      out.message = where + ": " + e.what();
      return out;
   }
}

}  // namespace portier::directory_source
