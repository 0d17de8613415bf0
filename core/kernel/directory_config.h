// SPDX-License-Identifier: GPL-3.0-or-later
// The `directory` section as plain data: where the phone book lives, which directory plugins (or
// pbx plugins' extension lists) fill it for which tenant and when, and how rows of several sources
// become one contact.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace portier::kernel {

struct DirectorySchedule {
   enum class Kind { manual, every, daily };
   Kind kind = Kind::manual;
   std::int64_t every_s = 0;   // for every: 60 .. 7 days
   int daily_minute = 0;       // for daily: minutes after local midnight, 0 .. 1439
   std::string text;           // as the administrator wrote it, for status: "every 15m", "daily 02:30"
};

struct DirectorySourceConfig {
   std::string plugin;         // a configured plugin instance id, of kind directory or a pbx
                               // plugin offering portier.pbx.sync/1 (checked by the kernel)
   std::string tenant = "DEFAULT";  // a configured tenant, or "*" for every tenant
   DirectorySchedule schedule;
   std::string path;           // "directory.sources[0]", for messages
   std::string file;           // the configuration file, and line and column of the `plugin:`
   int line = 0;               // value (of the entry while it has none), for messages
   int column = 0;
};

struct DirectoryConfig {
   bool configured = false;                // the section is present and not empty
   std::filesystem::path database;         // absolute after loading
   std::vector<DirectorySourceConfig> sources;
   std::vector<std::string> dedupe_keys;   // "email", "extension"
   std::vector<std::string> prefer;        // plugin ids, first wins each field
   std::int64_t ready_timeout_s = 600;     // a run that gets no READY in this time fails
   // The settings in one line, so a reload can tell whether they changed (a restart applies them).
   std::string canonical;
};

}  // namespace portier::kernel
