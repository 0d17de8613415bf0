// SPDX-License-Identifier: GPL-3.0-or-later
// Collects every finding of one load, each with the position yaml-cpp gave the node.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "kernel/config.h"

namespace portier::kernel {

struct Findings {
   std::string file;  // the display name errors carry
   std::vector<ConfigError> errors;

   Position at(const YAML::Mark &mark) const;
   void add(const YAML::Mark &mark, std::string message);
   void add(Position where, std::string message);
};

// The findings of a nested reader, handed on to `outer` when it goes out of scope, each message
// then prefixed with the key path it is about ("presence.stale_after: ..."), so an administrator
// finds it in a long file. Readers write to local(); not copyable. [the loading thread]
class PathFindings {
public:
   PathFindings(Findings &outer, std::string path) : outer_(outer), local_{outer.file, {}}, path_(std::move(path)) {}
   ~PathFindings();
   PathFindings(const PathFindings &) = delete;
   PathFindings &operator=(const PathFindings &) = delete;
   Findings &local() { return local_; }
   void add(const YAML::Mark &mark, const std::string &message) { local_.add(mark, message); }

private:
   Findings &outer_;
   Findings local_;
   std::string path_;
};

// Where a value's finding belongs: a null value has no text of its own, and yaml-cpp marks it
// at the next token, so its key's place is the one an administrator recognises.
YAML::Mark value_mark(const YAML::Node &key, const YAML::Node &value);

// User text quoted in a message, cut short and with control characters replaced, so one odd
// key cannot flood a terminal or a log line.
std::string printable(std::string_view text);

// How a value that has the wrong type looks to the administrator: 'text', a list, a mapping, nothing.
std::string describe(const YAML::Node &node);

// Sorts findings into file order and drops repeats (an anchor used twice is walked twice).
void finish(std::vector<ConfigError> &errors);

}  // namespace portier::kernel
