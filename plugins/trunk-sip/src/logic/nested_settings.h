// SPDX-License-Identifier: GPL-3.0-or-later
// Reading settings that nest (`registrar: {host, port}`, list entries that are mappings) with
// the SDK's portier::Settings, one Settings per object, and gathering every problem of all of
// them into one message, unknown keys with a did-you-mean.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <portier/json.hpp>
#include <portier/result.hpp>
#include <portier/settings.hpp>

namespace portier::trunk {

// The value as JSON text again (strings escaped, numbers as written). Depth is bounded by the
// parser that built the value.
std::string json_text(const json::Value &value);

// The problems of one object read with portier::Settings, in reading order, each prefixed with
// the object's path.
class Problems {
public:
   // A key of the parent's that is an object: its own Settings, named "<parent>.<key>" in
   // messages. nullopt (with a problem recorded) when the value is there but not an object;
   // nullopt without a problem when it is absent.
   std::optional<Settings> object(Settings &parent, std::string_view parent_name, std::string_view key);
   // Same for a value in hand (a list entry) named `name`.
   std::optional<Settings> object(const json::Value &value, std::string name);

   // Takes the problems of a finished Settings: what its getters recorded, then one line per
   // unknown key with the closest known key ("did you mean 'host'?") or the list of known keys.
   void collect(const Settings &settings, std::string_view name);
   void add(std::string line) { lines_.push_back(std::move(line)); }

   bool empty() const { return lines_.empty(); }
   const std::vector<std::string> &lines() const { return lines_; }
   // OK, or PORTIER_ERR_CONFIG with every line joined by "; ".
   Result<void> finish() const;

private:
   std::vector<std::string> lines_;
};

}  // namespace portier::trunk
