// SPDX-License-Identifier: GPL-3.0-or-later
// JSON to the text a console receives. Text from a console is valid UTF-8 (the WebSocket layer
// checks), but an engine message may carry bytes from the wire (a caller's name): those are
// replaced, never thrown.
#pragma once

#include <string>

#include <nlohmann/json_fwd.hpp>

namespace portier::web {

std::string json_text(const nlohmann::json &j);

}  // namespace portier::web
