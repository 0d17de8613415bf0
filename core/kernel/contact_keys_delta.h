// SPDX-License-Identifier: GPL-3.0-or-later
// What changed in the phone book's presence keys (extension, e-mail) since the last read, so the
// engine thread applies a run's few changes instead of reading a million contacts itself
// (docs/presence.md, "Phone-book changes"). The directory worker reads and compares; the
// engine thread applies the result in ContactStates.
#pragma once

#include <cstdint>
#include <map>
#include <vector>

#include "directory/contact_keys.h"
#include "directory/directory_db.h"

namespace portier::kernel {

struct ContactKeysDelta {
   // True for the first read: `changed` is every contact with keys, and whatever the reader had
   // before is gone.
   bool whole = false;
   std::vector<directory::ContactKeys> changed;  // added, or with other keys or tenant; by id
   std::vector<std::int64_t> removed;            // gone, or without an extension and e-mail now
};

// Keeps the keys of the last read and compares each new read with them. Owned and used by one
// thread (the directory worker's); not thread-safe.
class ContactKeysTracker {
public:
   // Reads every contact's keys on `db` and returns the difference to the last read (the whole
   // book the first time). Errors: those of directory::contact_keys; the last read is kept, so
   // the next read's difference is still right.
   directory::DirectoryResult<ContactKeysDelta> read(directory::DirectoryDb &db);

private:
   bool read_once_ = false;
   std::map<std::int64_t, directory::ContactKeys> last_;
};

}  // namespace portier::kernel
