// SPDX-License-Identifier: GPL-3.0-or-later
// One Circuit Presence object read from JSON, shared by the REST answer (circuit_presence.cpp)
// and the WebSocket frames (circuit_push_frames.cpp), and the field readers of the logic's JSON
// (defined once here, so unity batches do not meet two copies; strings are read with lib-http's
// string_at, json_fields.h). Internal to the logic library: nlohmann/json stays out of the
// headers the plugin part sees.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "circuit_presence.h"

namespace portier::circuit {

// `object[key]` when it is true; false when absent or not a boolean.
inline bool flag_at(const nlohmann::json &object, const char *key) {
   const auto it = object.find(key);
   return it != object.end() && it->is_boolean() && it->get<bool>();
}

// `parent[key]` when it is an object, else nullptr.
inline const nlohmann::json *object_at(const nlohmann::json &parent, const char *key) {
   const auto it = parent.find(key);
   return it != parent.end() && it->is_object() ? &*it : nullptr;
}

// The fields of `item`; user_id is "" when it has none (callers skip such entries).
CircuitPresence presence_from_json(const nlohmann::json &item);

}  // namespace portier::circuit
